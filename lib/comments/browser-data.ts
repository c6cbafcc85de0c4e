// What the comment form's client leaves read back: the remember cookie and the answers of the
// app/api/comments/* handlers. Hand-written checks, no zod: zod's capability probe (`new Function('')`)
// would trip the site's Content-Security-Policy in the browser (see form-fields.ts).
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_WEBSITE_LENGTH } from '@/lib/comments/form-fields'
import type { ThreadComment } from '@/lib/comments/thread'

/** Not httpOnly: the static article page cannot read it on the server, so the form fills itself from it. */
export const REMEMBER_COOKIE = 'lakeside_commenter'

export type RememberedCommenter = { name: string; email: string; website: string }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string'

export function parseRememberedCommenter(value: string | undefined): RememberedCommenter | null {
  if (value === undefined) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return null
  }
  if (
    !isRecord(parsed) ||
    !isText(parsed.name, MAX_NAME_LENGTH) ||
    !isText(parsed.email, MAX_EMAIL_LENGTH) ||
    !isText(parsed.website, MAX_WEBSITE_LENGTH)
  ) {
    return null
  }
  return { name: parsed.name, email: parsed.email, website: parsed.website }
}

/** One cookie's decoded value from a `document.cookie` string (Next encodes values with encodeURIComponent). */
export function getCookieValue(cookieHeader: string, name: string): string | undefined {
  for (const pair of cookieHeader.split(/;\s*/)) {
    const at = pair.indexOf('=')
    if (at === -1 || pair.slice(0, at) !== name) continue
    try {
      return decodeURIComponent(pair.slice(at + 1))
    } catch {
      return undefined
    }
  }
  return undefined
}

/** The `form-token` handler's answer: `{ formToken }`. */
export function parseFormTokenAnswer(body: unknown): string | null {
  return isRecord(body) && isText(body.formToken, 1000) && body.formToken !== '' ? body.formToken : null
}

/** The `mine` handler's answer: `{ comments }`, the reader's own comments awaiting moderation. */
export function parseOwnCommentsAnswer(body: unknown): ThreadComment[] | null {
  if (!isRecord(body) || !Array.isArray(body.comments)) return null
  const comments: ThreadComment[] = []
  for (const item of body.comments) {
    if (
      !isRecord(item) ||
      typeof item._id !== 'string' ||
      !isTextOrNull(item.parentId) ||
      typeof item.name !== 'string' ||
      !isTextOrNull(item.website) ||
      typeof item.body !== 'string' ||
      typeof item.createdAt !== 'string'
    ) {
      return null
    }
    comments.push({
      _id: item._id,
      parentId: item.parentId,
      name: item.name,
      website: item.website,
      body: item.body,
      createdAt: item.createdAt,
      pending: true,
    })
  }
  return comments
}
