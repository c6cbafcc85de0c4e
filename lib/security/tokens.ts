// Signed, expiring values. Pure: the key is passed in (lib/security/keys.ts binds it to the environment).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

export type SigningKey = Buffer

export type KeyPurpose = 'moderation-token' | 'form-timestamp' | 'commenter-cookie' | 'ip-hash'

/** One sub-key per purpose, so a value signed for one use (a form timestamp) never verifies as another (a moderation link). */
export function deriveKey(rootKey: string, purpose: KeyPurpose): SigningKey {
  return createHmac('sha256', rootKey).update(`lakeside/${purpose}/v1`).digest()
}

function mac(key: SigningKey, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest()
}

/** `<base64url payload>.<base64url HMAC-SHA256>` */
export function signValue(key: SigningKey, payload: string): string {
  const body = Buffer.from(payload, 'utf8').toString('base64url')
  return `${body}.${mac(key, body).toString('base64url')}`
}

/** The payload of a value signed with `key`, or `null` when it is malformed or its signature does not match. */
export function readSignedValue(key: SigningKey, signed: string): string | null {
  const parts = signed.split('.')
  if (parts.length !== 2) return null
  const [body, signature] = parts
  if (
    body === undefined ||
    signature === undefined ||
    !/^[\w-]+$/.test(body) ||
    !/^[\w-]+$/.test(signature)
  ) {
    return null
  }
  const expected = mac(key, body)
  const actual = Buffer.from(signature, 'base64url')
  // timingSafeEqual throws on different lengths; the length of an HMAC is public anyway.
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null
  return Buffer.from(body, 'base64url').toString('utf8')
}

export const MODERATION_ACTIONS = ['approve', 'spam', 'trash'] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]
export const MODERATION_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000
const MAX_TOKEN_LENGTH = 2048

const moderationClaimsSchema = z.object({
  v: z.literal(1),
  commentId: z.string().min(1),
  action: z.enum(MODERATION_ACTIONS),
  moderator: z.string().min(1),
  expiresAt: z.number().int(),
})

export type ModerationClaims = {
  commentId: string
  action: ModerationAction
  /** The moderator the link was mailed to; recorded in the audit trail as "who". */
  moderator: string
  expiresAt: Date
}

export type ModerationTokenCheck =
  | { ok: true; claims: ModerationClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-target' }

export function createModerationToken(
  key: SigningKey,
  claims: Pick<ModerationClaims, 'commentId' | 'action' | 'moderator'>,
  now: Date,
): string {
  const payload = { v: 1, ...claims, expiresAt: now.getTime() + MODERATION_TOKEN_TTL_MS }
  return signValue(key, JSON.stringify(payload))
}

/** Checks signature, expiry and, when `expected` is given, that the token is for that comment and action. */
export function verifyModerationToken(
  key: SigningKey,
  token: string,
  now: Date,
  expected: { commentId?: string; action?: ModerationAction } = {},
): ModerationTokenCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' }
  const payload = readSignedValue(key, token)
  if (payload === null) return { ok: false, reason: token.includes('.') ? 'bad-signature' : 'malformed' }
  let json: unknown
  try {
    json = JSON.parse(payload)
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  const parsed = moderationClaimsSchema.safeParse(json)
  if (!parsed.success) return { ok: false, reason: 'malformed' }
  const { commentId, action, moderator, expiresAt } = parsed.data
  if (now.getTime() >= expiresAt) return { ok: false, reason: 'expired' }
  if (
    (expected.commentId !== undefined && expected.commentId !== commentId) ||
    (expected.action !== undefined && expected.action !== action)
  ) {
    return { ok: false, reason: 'wrong-target' }
  }
  return { ok: true, claims: { commentId, action, moderator, expiresAt: new Date(expiresAt) } }
}

/** What is recorded on a comment when a token is used: never the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
