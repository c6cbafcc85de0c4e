// The form carries a signed "issued at" time: bots that post instantly, or forge the field, are caught.
import { readSignedValue, signValue, type SigningKey } from '@/lib/security/tokens'
import type { SpamCheck } from '@/lib/comments/spam/checks'

/**
 * Tokens older than this are recorded as `stale-form-token` and the comment is held for moderation like any
 * other, never marked as spam. Article pages are static (ISR), so the token in their HTML was issued when the
 * page was rendered: up to CACHE_FALLBACK_SECONDS (1 h) before it is served, and longer on a quiet post whose
 * stale page is served once while it regenerates. A reader without JavaScript cannot get a fresher one, so
 * refusing old tokens would silently bin their comments. With JavaScript the form fetches a token on mount, so
 * the minimum fill time keeps its meaning there; for a no-JS post it only bounds how long a scraped token can be
 * replayed without a moderator seeing the flag. The honeypot, rate limits and moderation still apply to both.
 */
export const MAX_FORM_TOKEN_AGE_MS = 24 * 60 * 60 * 1000

export function createFormToken(key: SigningKey, postId: string, issuedAt: Date): string {
  return signValue(key, `form:${postId}:${issuedAt.getTime()}`)
}

/** `null` when the form was filled for at least `minFillMs` and is not stale; otherwise the check that fired. */
export function checkFillTime(
  key: SigningKey,
  token: string,
  postId: string,
  now: Date,
  minFillMs: number,
): Extract<SpamCheck, 'bad-form-token' | 'too-fast' | 'stale-form-token'> | null {
  const payload = readSignedValue(key, token)
  const match = payload === null ? null : /^form:(.+):(\d{1,15})$/.exec(payload)
  if (match === null || match[1] !== postId) return 'bad-form-token'
  const issuedAt = Number(match[2])
  if (issuedAt > now.getTime() + 60_000) return 'bad-form-token'
  const age = now.getTime() - issuedAt
  if (age < minFillMs) return 'too-fast'
  return age > MAX_FORM_TOKEN_AGE_MS ? 'stale-form-token' : null
}
