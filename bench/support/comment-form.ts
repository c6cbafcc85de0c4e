// Reads the article's comment form out of its server-rendered HTML, as a browser with JavaScript off sees it:
// the form's target, its hidden fields (Next's server action reference, the signed form token, the post id)
// and the answer's status line.
import { z } from 'zod'
import { commentMessages } from '../../lib/comments/messages.ts'

// The refusal's text up to its variable part ("Please wait 12 seconds …").
const RATE_LIMITED_PREFIX =
  commentMessages.rateLimited(1).split(' Please')[0] ?? commentMessages.rateLimited(1)

export type CommentFormFields = {
  /** Path the no-JS form posts to (the fragment dropped). */
  actionPath: string
  /** The Next server action id, from `$ACTION_1:0`; shown in the report, the POST sends the fields as they are. */
  serverActionId: string | null
  hidden: [string, string][]
}

export type SubmitAnswer =
  { kind: 'accepted' } | { kind: 'rate-limited' } | { kind: 'other'; message: string }

const ENTITIES: Record<string, string> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  '#39': "'",
  '#x27': "'",
}

function decodeHtml(text: string): string {
  return text.replace(/&(amp|quot|apos|lt|gt|#39|#x27);/g, (entity, name: string) => ENTITIES[name] ?? entity)
}

const attribute = (tag: string, name: string): string | null => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return match?.[1] === undefined ? null : decodeHtml(match[1])
}

const actionReferenceSchema = z.object({ id: z.string() })

function readServerActionId(hidden: [string, string][]): string | null {
  const reference = hidden.find(([name]) => /^\$ACTION_\d+:0$/.test(name))?.[1]
  const plain = hidden.find(([name]) => name.startsWith('$ACTION_ID_'))?.[0]
  if (plain !== undefined) return plain.slice('$ACTION_ID_'.length)
  if (reference === undefined) return null
  const parsed = actionReferenceSchema.safeParse(JSON.parse(reference))
  return parsed.success ? parsed.data.id : null
}

/** Throws when the page has no comment form: the benchmark cannot post without one. */
export function extractCommentForm(html: string): CommentFormFields {
  const form = /<form\b[^>]*class="comment-form"[^>]*>[\s\S]*?<\/form>/.exec(html)?.[0]
  if (form === undefined) throw new Error('the article page has no comment form')
  const formTag = /<form\b[^>]*>/.exec(form)?.[0] ?? ''
  const hidden: [string, string][] = []
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    if (attribute(tag, 'type') !== 'hidden') continue
    const name = attribute(tag, 'name')
    if (name !== null) hidden.push([name, attribute(tag, 'value') ?? ''])
  }
  const action = attribute(formTag, 'action') ?? ''
  return { actionPath: action.split('#')[0] ?? '', serverActionId: readServerActionId(hidden), hidden }
}

/** What the page rendered after the POST says in its `role="status"` line. */
export function readSubmitAnswer(html: string): SubmitAnswer {
  const status = /<p role="status" class="([^"]*)"[^>]*>([^<]*)<\/p>/.exec(html)
  if (status === null) return { kind: 'other', message: 'no status line in the answer' }
  const [, className = '', text = ''] = status
  const message = decodeHtml(text)
  if (className.includes('notice--success') && message === commentMessages.accepted)
    return { kind: 'accepted' }
  if (message.startsWith(RATE_LIMITED_PREFIX)) return { kind: 'rate-limited' }
  return { kind: 'other', message: message === '' ? '(empty status)' : message }
}
