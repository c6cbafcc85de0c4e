// Two first-party cookies. `own`: signed ids of the reader's comments awaiting moderation, so only they see them.
// `remember`: name, email and website, set only when the reader ticks the box.
import { z } from 'zod'
import { readSignedValue, signValue, type SigningKey } from '@/lib/security/tokens'
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_WEBSITE_LENGTH } from '@/lib/comments/input'

export const OWN_COMMENTS_COOKIE = 'lakeside_own_comments'
export const REMEMBER_COOKIE = 'lakeside_commenter'
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

const rememberedSchema = z.object({
  name: z.string().max(MAX_NAME_LENGTH),
  email: z.string().max(MAX_EMAIL_LENGTH),
  website: z.string().max(MAX_WEBSITE_LENGTH),
})
export type RememberedCommenter = z.infer<typeof rememberedSchema>

export function readRememberedCommenter(cookie: string | undefined): RememberedCommenter | null {
  if (cookie === undefined) return null
  try {
    const parsed = rememberedSchema.safeParse(JSON.parse(cookie))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function buildRememberCookie(commenter: RememberedCommenter): string {
  return JSON.stringify(commenter)
}

export function cookieOptions(siteUrl: string, kind: 'own' | 'remember') {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: siteUrl.startsWith('https:'),
    path: '/',
    maxAge: kind === 'own' ? OWN_COMMENTS_MAX_AGE_S : REMEMBER_MAX_AGE_S,
  } as const
}
