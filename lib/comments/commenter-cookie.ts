// Two first-party cookies. `own`: signed ids of the reader's comments awaiting moderation, so only they see them
// (read by the `mine` route handler). `remember`: name, email and website, set only when the reader ticks the box.
import { z } from 'zod'
import { readSignedValue, signValue, type SigningKey } from '@/lib/security/tokens'
import type { RememberedCommenter } from '@/lib/comments/browser-data'

export const OWN_COMMENTS_COOKIE = 'lakeside_own_comments'
const MAX_OWN_COMMENTS = 20
const OWN_COMMENTS_MAX_AGE_S = 30 * 24 * 60 * 60
const REMEMBER_MAX_AGE_S = 365 * 24 * 60 * 60

const idsSchema = z.array(z.string().max(128)).max(MAX_OWN_COMMENTS)

export function readOwnCommentIds(key: SigningKey, cookie: string | undefined): string[] {
  if (cookie === undefined) return []
  const payload = readSignedValue(key, cookie)
  if (payload === null) return []
  try {
    const parsed = idsSchema.safeParse(JSON.parse(payload))
    return parsed.success ? parsed.data : []
  } catch {
    return []
  }
}

/** The newest ids are kept when the list is full. */
export function buildOwnCommentsCookie(
  key: SigningKey,
  existing: readonly string[],
  commentId: string,
): string {
  const ids = [...existing.filter((id) => id !== commentId), commentId].slice(-MAX_OWN_COMMENTS)
  return signValue(key, JSON.stringify(ids))
}

export function buildRememberCookie(commenter: RememberedCommenter): string {
  return JSON.stringify(commenter)
}

export function cookieOptions(siteUrl: string, kind: 'own' | 'remember') {
  return {
    // The form fills itself from `remember` in the browser: the article page is static and reads no cookies.
    // It holds only what the reader chose to save, so script access exposes nothing they did not type.
    // `own` stays httpOnly: its signature is checked on the server.
    httpOnly: kind === 'own',
    sameSite: 'lax',
    secure: siteUrl.startsWith('https:'),
    path: '/',
    maxAge: kind === 'own' ? OWN_COMMENTS_MAX_AGE_S : REMEMBER_MAX_AGE_S,
  } as const
}
