import { createHmac, timingSafeEqual } from 'node:crypto'
import { decodeSignatureHeader, SIGNATURE_HEADER_NAME } from '@sanity/webhook'

export const WEBHOOK_SIGNATURE_HEADER = SIGNATURE_HEADER_NAME
/** A document-change webhook carries a projection of ids and slugs: far below this. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024
/**
 * How far the signed time may be from now. The sender signs every attempt afresh (retries included), so only a
 * captured request replayed later, or one signed with a skewed clock, falls outside it.
 */
export const WEBHOOK_MAX_AGE_MS = 5 * 60_000

/**
 * Checks a Sanity webhook signature (`t=<ms>,v1=<base64url HMAC-SHA256 of "t.body">`) over the body
 * exactly as it arrived: re-serialising parsed JSON can change the bytes. False for a missing or malformed header,
 * and for a signature made more than WEBHOOK_MAX_AGE_MS before or after `now`.
 */
export function isValidWebhookSignature(
  rawBody: string,
  header: string | null,
  secret: string,
  now: Date = new Date(),
): boolean {
  if (header === null) return false
  let decoded: { timestamp: number; hashedPayload: string }
  try {
    decoded = decodeSignatureHeader(header)
  } catch {
    return false
  }
  if (!Number.isFinite(decoded.timestamp)) return false
  if (Math.abs(now.getTime() - decoded.timestamp) > WEBHOOK_MAX_AGE_MS) return false
  const expected = createHmac('sha256', secret).update(`${decoded.timestamp}.${rawBody}`).digest()
  const given = Buffer.from(decoded.hashedPayload, 'base64url')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
