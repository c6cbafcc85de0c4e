// The form carries a signed "issued at" time: bots that post instantly, or forge the field, are caught.
import { readSignedValue, signValue, type SigningKey } from '@/lib/security/tokens'
import type { SpamCheck } from '@/lib/comments/spam/checks'

export function createFormToken(key: SigningKey, postId: string, issuedAt: Date): string {
  return signValue(key, `form:${postId}:${issuedAt.getTime()}`)
}

/**
 * `null` when the form was filled for at least `minFillMs`; otherwise the check that fired.
 * There is no maximum age: a reader may keep a tab open for days, and the token only proves the form was served.
 */
export function checkFillTime(
  key: SigningKey,
  token: string,
  postId: string,
  now: Date,
  minFillMs: number,
): SpamCheck | null {
  const payload = readSignedValue(key, token)
  const match = payload === null ? null : /^form:(.+):(\d{1,15})$/.exec(payload)
  if (match === null || match[1] !== postId) return 'bad-form-token'
  const issuedAt = Number(match[2])
  if (issuedAt > now.getTime() + 60_000) return 'bad-form-token'
  return now.getTime() - issuedAt < minFillMs ? 'too-fast' : null
}
