// Every entry of tests/fixtures/hostile-comments.json through the real path: the form parser, submitComment on the
// embedded lake, the mail outbox over SMTP to the catcher, and the comment list's own rendering of what was stored.
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CommentItem } from '@/app/posts/[slug]/comment-item'
import { COMMENT_FIELD } from '@/lib/comments/form-fields'
import { parseCommentForm } from '@/lib/comments/input'
import { composeModerationMail } from '@/lib/comments/notify'
import { createFormToken } from '@/lib/comments/spam/fill-time'
import { createSanityCommentStore, publicCommentSchema, type CommentStore } from '@/lib/comments/store'
import { submitComment, type SubmitDeps } from '@/lib/comments/submit'
import { buildCommentThread } from '@/lib/comments/thread'
import { approvedCommentsQuery } from '@/lib/content/queries'
import { runOutboxOnce } from '@/lib/mail/outbox'
import { createSanityOutboxStore } from '@/lib/mail/outbox-store'
import { createSmtpMailer, type Mailer } from '@/lib/mail/transport'
import { createMemoryRateLimiter } from '@/lib/security/rate-limit'
import { deriveKey } from '@/lib/security/tokens'
import { startMailCatcher, type MailCatcher } from '@/scripts/mail-catcher/catcher'
import { loadHostileCorpus, type HostileComment } from '../support/hostile-corpus.ts'
import { listActiveContent } from '../support/inert-html.ts'
import { startTestLake, TEST_API_VERSION, type TestLake } from '../support/lake.ts'
import { countHeaders, listRawHeaders } from '../support/raw-mail.ts'

const ROOT_KEY = 'reliability-root-key-0123456789abcdef'
const keys = {
  formTimestamp: deriveKey(ROOT_KEY, 'form-timestamp'),
  ipHash: deriveKey(ROOT_KEY, 'ip-hash'),
  moderation: deriveKey(ROOT_KEY, 'moderation-token'),
}
const SITE_URL = 'https://blog.example'
const MODERATOR = 'moderator@example.com'
const COMMENT_ELEMENTS = ['ol', 'li', 'article', 'p', 'b', 'a', 'span', 'time', 'em', 'div', 'br']
// What nodemailer writes for a notification; anything else in the header block was injected.
const MAIL_HEADERS = [
  'content-type',
  'from',
  'to',
  'reply-to',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-transfer-encoding',
]
const SINGLE_LINE_UNSAFE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u

const corpus = loadHostileCorpus()
let lake: TestLake
let catcher: MailCatcher
let writer: SanityClient
let siteReader: SanityClient
let store: CommentStore
let mailer: Mailer

beforeAll(async () => {
  lake = await startTestLake({ storage: 'memory', tlsPort: null })
  catcher = await startMailCatcher({ dataDir: join(lake.dataDir, 'mail'), smtpPort: 0, httpPort: 0 })
  mailer = createSmtpMailer(catcher.smtpUrl)
  const clientOf = (token: string, perspective: 'raw' | 'published') =>
    createClient({
      projectId: lake.lake.projectId,
      dataset: lake.lake.dataset,
      apiHost: lake.lake.url,
      useProjectHostname: false,
      apiVersion: TEST_API_VERSION,
      useCdn: false,
      token,
      perspective,
    })
  // As the site: comments and the outbox through the raw perspective, public pages through `published`.
  writer = clientOf(lake.lake.tokens.editor, 'raw')
  siteReader = clientOf(lake.lake.tokens.viewer, 'published')
  store = createSanityCommentStore(writer, randomUUID)
  await writer.createOrReplace({
    _id: 'siteSettings',
    _type: 'siteSettings',
    title: 'Lakeside Blog',
    moderatorEmails: [MODERATOR],
  })
})

afterAll(async () => {
  mailer?.close()
  await catcher?.close()
  await lake?.stop()
})

let nextAddress = 1
async function aPostFor(
  caseId: string,
  title = `Hostile input: ${caseId}`,
): Promise<{ _id: string; slug: string }> {
  const post = { _id: `post-${caseId}`, slug: `hostile-${caseId}` }
  await writer.createOrReplace({
    _id: post._id,
    _type: 'post',
    title,
    slug: { _type: 'slug', current: post.slug },
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    comments: { _type: 'commentSettings', mode: 'open' },
  })
  return post
}

function aForm(postId: string, fields: HostileComment['fields']): FormData {
  const form = new FormData()
  form.set(COMMENT_FIELD.postId, postId)
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  form.set(COMMENT_FIELD.honeypot, '')
  form.set(
    COMMENT_FIELD.formToken,
    createFormToken(keys.formTimestamp, postId, new Date(Date.now() - 60_000)),
  )
  return form
}

const submitDeps = (): SubmitDeps => ({
  store,
  limiter: createMemoryRateLimiter(),
  now: () => new Date(),
  newId: randomUUID,
  keys,
  fallbackModerators: [],
})

const countStoredFor = (postId: string): Promise<unknown> =>
  writer.fetch(
    'count(*[(_type == "comment" && post._ref == $postId) || (_type == "mailOutboxItem" && commentId in *[_type == "comment" && post._ref == $postId]._id)])',
    { postId },
  )

const storedCommentSchema = z.object({
  name: z.string(),
  email: z.string(),
  website: z.string().optional(),
  body: z.string(),
  status: z.enum(['pending', 'spam']),
})

/** Delivers the outbox and returns the one moderation mail about `commentId`, raw and parsed. */
async function moderationMailFor(commentId: string) {
  const now = () => new Date()
  await runOutboxOnce({
    store: createSanityOutboxStore(writer),
    mailer,
    now,
    leaseMs: 60_000,
    maxAttempts: 3,
    backoff: { baseMs: 1, maxMs: 1 },
    compose: (item) =>
      composeModerationMail(item, {
        store,
        key: keys.moderation,
        siteUrl: SITE_URL,
        fromAddress: 'no-reply@blog.example',
        now,
      }),
  })
  const mails = (await catcher.store.list()).filter((mail) => mail.text.includes(`comment;${commentId}`))
  expect(mails).toHaveLength(1)
  const [mail] = mails
  if (mail === undefined) throw new Error(`no moderation mail for ${commentId}`)
  const raw = await readFile(join(lake.dataDir, 'mail', `${mail.id}.eml`), 'utf8')
  return { mail, headers: listRawHeaders(raw) }
}

function expectWellFormedHeaders(headers: ReturnType<typeof listRawHeaders>, replyTo: string): void {
  for (const name of ['subject', 'from', 'to', 'date', 'message-id'])
    expect(countHeaders(headers, name), name).toBe(1)
  expect(countHeaders(headers, 'reply-to')).toBe(1)
  expect(
    headers.map((header) => header.name.toLowerCase()).filter((name) => !MAIL_HEADERS.includes(name)),
  ).toEqual([])
  // RFC 5322: header lines are printable US-ASCII; anything else must arrive encoded.
  for (const header of headers) expect(`${header.name}:${header.value}`).toMatch(/^[\x20-\x7e\t]*$/)
  const to = headers.find((header) => header.name.toLowerCase() === 'to')?.value ?? ''
  expect(to.trim()).toBe(MODERATOR)
  const replyToValue = headers.find((header) => header.name.toLowerCase() === 'reply-to')?.value ?? ''
  expect(replyToValue).toContain(`<${replyTo}>`)
}

async function renderApproved(post: { _id: string; slug: string }): Promise<string> {
  const rows = z
    .array(publicCommentSchema)
    .parse(await siteReader.fetch(approvedCommentsQuery, { postId: post._id }))
  const thread = buildCommentThread(rows.map((row) => ({ ...row, pending: false })))
  expect(thread).toHaveLength(1)
  return renderToStaticMarkup(
    createElement(
      'ol',
      null,
      ...thread.map((node) =>
        createElement(CommentItem, { key: node._id, node, postId: post._id, postSlug: post.slug }),
      ),
    ),
  )
}

describe('hostile comment input', () => {
  for (const entry of corpus.comments) {
    if (entry.expected === 'rejected') {
      it(`refuses ${entry.description} with a field error and stores nothing (${entry.id})`, async () => {
        const post = await aPostFor(entry.id)
        const parsed = parseCommentForm(aForm(post._id, entry.fields))
        expect(parsed.ok).toBe(false)
        if (parsed.ok) return
        expect(parsed.reason).toBe('invalid-fields')
        const field = entry.rejectedField ?? 'body'
        const message = parsed.reason === 'invalid-fields' ? parsed.fieldErrors[field] : undefined
        expect(message, `error on ${field}`).toMatch(/^(Please|Your) /)
        // The message explains; it never echoes what was typed.
        if (entry.fields[field].length > 3) expect(message).not.toContain(entry.fields[field])
        expect(await countStoredFor(post._id)).toBe(0)
      })
    } else {
      it(`stores ${entry.description} so that it renders and mails inertly (${entry.id})`, async () => {
        const post = await aPostFor(entry.id)
        const parsed = parseCommentForm(aForm(post._id, entry.fields))
        if (!parsed.ok)
          expect.fail(
            `refused: ${JSON.stringify(parsed.reason === 'invalid-fields' ? parsed.fieldErrors : parsed.reason)}`,
          )
        const result = await submitComment(
          parsed.input,
          { ip: `203.0.113.${nextAddress++ % 250}`, userAgent: 'vitest' },
          submitDeps(),
        )
        expect(result).toMatchObject({ ok: true, status: 'pending' })
        if (!result.ok) return

        const stored = storedCommentSchema.parse(await writer.getDocument(result.commentId))
        for (const line of [stored.name, stored.email, stored.website ?? ''])
          expect(line).not.toMatch(SINGLE_LINE_UNSAFE)
        expect(stored.body).not.toMatch(/[^\P{Cc}\n\t]/u)

        const { mail, headers } = await moderationMailFor(result.commentId)
        expectWellFormedHeaders(headers, stored.email)
        expect(mail.html).not.toBeNull()
        expect(listActiveContent(mail.html ?? '', { document: true, ignoreElements: ['meta'] })).toEqual([])
        for (const value of [stored.name, stored.body, stored.website ?? '']) {
          if (/[<>"]/.test(value)) expect(mail.html).not.toContain(value)
        }

        await writer.patch(result.commentId).set({ status: 'approved' }).commit({ visibility: 'sync' })
        const html = await renderApproved(post)
        expect(listActiveContent(html, { allowElements: COMMENT_ELEMENTS })).toEqual([])
        expect(html).not.toContain(stored.email)
      })
    }
  }

  it('keeps a post title with CR/LF in one Subject header of the moderation mail', async () => {
    const post = await aPostFor('crlf-title', 'Cramps\r\nBcc: victim@example.com\r\nX-Injected: yes\n\nbody')
    const parsed = parseCommentForm(
      aForm(post._id, { body: 'An ordinary comment.', name: 'Ada', email: 'ada@example.com', website: '' }),
    )
    if (!parsed.ok) expect.fail('refused')
    const result = await submitComment(
      parsed.input,
      { ip: '198.51.100.200', userAgent: 'vitest' },
      submitDeps(),
    )
    if (!result.ok) expect.fail(result.reason)
    const { mail, headers } = await moderationMailFor(result.commentId)
    expectWellFormedHeaders(headers, 'ada@example.com')
    expect(mail.subject).toBe(
      '[Lakeside Blog] Please moderate: "Cramps Bcc: victim@example.com X-Injected: yes body"',
    )
  })
})
