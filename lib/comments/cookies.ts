import 'server-only'
import { cookies } from 'next/headers'
import { env } from '@/lib/config/env'
import { REMEMBER_COOKIE, type RememberedCommenter } from '@/lib/comments/browser-data'
import {
  buildOwnCommentsCookie,
  buildRememberCookie,
  cookieOptions,
  OWN_COMMENTS_COOKIE,
  readOwnCommentIds,
} from '@/lib/comments/commenter-cookie'
import { getSigningKey } from '@/lib/security/keys'

/** Ids of this reader's own comments (from the signed cookie); empty when absent or tampered with. Route handlers only. */
export async function listOwnCommentIds(): Promise<string[]> {
  const jar = await cookies()
  return readOwnCommentIds(getSigningKey('commenter-cookie'), jar.get(OWN_COMMENTS_COOKIE)?.value)
}

/** Call only from a server action or route handler: cookies are written with the response. */
export async function recordOwnComment(commentId: string): Promise<void> {
  const jar = await cookies()
  const key = getSigningKey('commenter-cookie')
  const existing = readOwnCommentIds(key, jar.get(OWN_COMMENTS_COOKIE)?.value)
  jar.set(
    OWN_COMMENTS_COOKIE,
    buildOwnCommentsCookie(key, existing, commentId),
    cookieOptions(env.siteUrl, 'own'),
  )
}

/** Saves the details when the reader ticked the box, and forgets them when they did not. Action-only. */
export async function rememberCommenter(commenter: RememberedCommenter, remember: boolean): Promise<void> {
  const jar = await cookies()
  if (remember)
    jar.set(REMEMBER_COOKIE, buildRememberCookie(commenter), cookieOptions(env.siteUrl, 'remember'))
  else if (jar.has(REMEMBER_COOKIE)) jar.delete(REMEMBER_COOKIE)
}
