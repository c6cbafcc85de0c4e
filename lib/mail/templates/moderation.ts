// "Please moderate" mail to one moderator: HTML and text parts with the same content.
import type { MailAddress, MailMessage } from '@/lib/mail/transport'
import { escapeHtml, toHeaderText } from '@/lib/mail/templates/escape'

export type ModerationMailData = {
  siteTitle: string
  from: MailAddress
  to: MailAddress
  post: { title: string; url: string }
  comment: { name: string; email: string; website: string | null; body: string; createdAt: string }
  /** The comment being replied to, when this is a reply. */
  parent: { name: string; body: string } | null
  ipPrefix: string
  history: { approved: number; spam: number }
  /** Human-readable names of the spam and moderation checks that fired. */
  checks: readonly string[]
  waitingCount: number
  links: { approve: string; spam: string; trash: string; studio: string }
}

const PARENT_EXCERPT_LENGTH = 300

export function buildModerationMail(data: ModerationMailData): MailMessage {
  const subject = toHeaderText(`[${data.siteTitle}] Please moderate: "${data.post.title}"`)
  const history =
    data.history.approved === 0 && data.history.spam === 0
      ? 'First-time commenter'
      : `${data.history.approved} approved, ${data.history.spam} spam`
  const waiting =
    data.waitingCount === 1
      ? '1 comment is waiting for approval.'
      : `${data.waitingCount} comments are waiting for approval.`
  const checks = data.checks.length === 0 ? 'None' : data.checks.join('; ')
  const parent =
    data.parent === null ? null : { ...data.parent, body: truncate(data.parent.body, PARENT_EXCERPT_LENGTH) }

  const text = [
    `A new comment on the post "${data.post.title}" is waiting for your approval.`,
    data.post.url,
    '',
    ...(parent === null ? [] : [`In reply to ${parent.name}:`, indent(parent.body), '']),
    `Author: ${data.comment.name}`,
    `Email: ${data.comment.email}`,
    `Website: ${data.comment.website ?? '(none)'}`,
    `IP address: ${data.ipPrefix}`,
    `History: ${history}`,
    `Checks fired: ${checks}`,
    'Comment:',
    indent(data.comment.body),
    '',
    `Approve it: ${data.links.approve}`,
    `Spam it: ${data.links.spam}`,
    `Trash it: ${data.links.trash}`,
    '',
    waiting,
    `Moderate in the Studio: ${data.links.studio}`,
    '',
    'Each link works once, for 7 days, and asks you to confirm before it changes anything.',
  ].join('\n')

  const row = (label: string, value: string) =>
    `<tr><th scope="row" style="text-align:left;padding-right:1em;vertical-align:top">${escapeHtml(label)}</th><td>${value}</td></tr>`
  const button = (href: string, label: string) =>
    `<a href="${escapeHtml(href)}" style="display:inline-block;margin-right:0.75em;padding:0.4em 0.9em;border:1px solid #1f5f8b;border-radius:4px;color:#1f5f8b;text-decoration:none">${escapeHtml(label)}</a>`
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d1d1f">
<p>A new comment on the post <a href="${escapeHtml(data.post.url)}">${escapeHtml(data.post.title)}</a> is waiting for your approval.</p>
${parent === null ? '' : `<p>In reply to ${escapeHtml(parent.name)}:</p>\n<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc">${toHtmlText(parent.body)}</blockquote>`}
<table>
${row('Author', escapeHtml(data.comment.name))}
${row('Email', `<a href="mailto:${escapeHtml(encodeURI(data.comment.email))}">${escapeHtml(data.comment.email)}</a>`)}
${row('Website', data.comment.website === null ? '(none)' : `<a href="${escapeHtml(data.comment.website)}">${escapeHtml(data.comment.website)}</a>`)}
${row('IP address', escapeHtml(data.ipPrefix))}
${row('History', escapeHtml(history))}
${row('Checks fired', escapeHtml(checks))}
</table>
<p><strong>Comment:</strong></p>
<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #1f5f8b">${toHtmlText(data.comment.body)}</blockquote>
<p>${button(data.links.approve, 'Approve')}${button(data.links.spam, 'Spam')}${button(data.links.trash, 'Trash')}</p>
<p>${escapeHtml(waiting)} <a href="${escapeHtml(data.links.studio)}">Moderate in the Studio</a>.</p>
<p style="color:#5b5b62;font-size:0.9em">Each link works once, for 7 days, and asks you to confirm before it changes anything.</p>
</body></html>
`
  return {
    from: data.from,
    to: [data.to],
    // The commenter as an address object: nodemailer encodes the name, so a CR/LF in it cannot start a header.
    replyTo: { name: toHeaderText(data.comment.name), address: data.comment.email },
    subject,
    text,
    html,
  }
}

function truncate(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')
}

function toHtmlText(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>\n')
}
