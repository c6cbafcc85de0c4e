import { describe, expect, it } from 'vitest'
import {
  createModerationToken,
  deriveKey,
  hashToken,
  MODERATION_TOKEN_TTL_MS,
  readSignedValue,
  signValue,
  verifyModerationToken,
} from '@/lib/security/tokens'

const key = deriveKey('root-key-for-tests-0123456789abcdef', 'moderation-token')
const NOW = new Date('2026-11-25T12:00:00Z')
const claims = { commentId: 'comment.abc', action: 'approve', moderator: 'mod@example.com' } as const

describe('verifyModerationToken', () => {
  it('accepts a fresh token and returns what it is bound to', () => {
    const check = verifyModerationToken(key, createModerationToken(key, claims, NOW), NOW)
    expect(check).toEqual({
      ok: true,
      claims: { ...claims, expiresAt: new Date(NOW.getTime() + MODERATION_TOKEN_TTL_MS) },
    })
  })

  it('refuses a token whose payload was changed', () => {
    const [, signature] = createModerationToken(key, claims, NOW).split('.')
    const payload = Buffer.from(
      JSON.stringify({ v: 1, ...claims, action: 'spam', expiresAt: NOW.getTime() + 1000 }),
    ).toString('base64url')
    expect(verifyModerationToken(key, `${payload}.${signature}`, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    })
  })

  it('refuses a token whose signature was changed', () => {
    const token = createModerationToken(key, claims, NOW)
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`
    expect(verifyModerationToken(key, tampered, NOW)).toEqual({ ok: false, reason: 'bad-signature' })
  })

  it('refuses a token signed with another key, or for another purpose', () => {
    const otherPurpose = deriveKey('root-key-for-tests-0123456789abcdef', 'form-timestamp')
    expect(verifyModerationToken(key, createModerationToken(otherPurpose, claims, NOW), NOW)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    })
  })

  it('refuses a token after seven days', () => {
    const token = createModerationToken(key, claims, NOW)
    const justBefore = new Date(NOW.getTime() + MODERATION_TOKEN_TTL_MS - 1)
    expect(verifyModerationToken(key, token, justBefore).ok).toBe(true)
    expect(verifyModerationToken(key, token, new Date(NOW.getTime() + MODERATION_TOKEN_TTL_MS))).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('refuses a token used for another action or comment', () => {
    const token = createModerationToken(key, claims, NOW)
    expect(verifyModerationToken(key, token, NOW, { action: 'trash' })).toEqual({
      ok: false,
      reason: 'wrong-target',
    })
    expect(verifyModerationToken(key, token, NOW, { commentId: 'comment.other' })).toEqual({
      ok: false,
      reason: 'wrong-target',
    })
  })

  it('refuses garbage without throwing', () => {
    for (const token of ['', 'abc', 'a.b.c', '%%%.%%%', `${'a'.repeat(3000)}.b`]) {
      expect(verifyModerationToken(key, token, NOW).ok).toBe(false)
    }
  })

  it('refuses a correctly signed payload that is not a moderation claim', () => {
    expect(verifyModerationToken(key, signValue(key, '{"v":1,"commentId":"x"}'), NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    })
  })
})

describe('hashToken', () => {
  it('records a digest that differs per token and never contains the token', () => {
    const a = createModerationToken(key, claims, NOW)
    const b = createModerationToken(key, { ...claims, action: 'spam' }, NOW)
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashToken(a)).not.toBe(hashToken(b))
  })
})

describe('readSignedValue', () => {
  it('round-trips a value and rejects one with a different key', () => {
    const signed = signValue(key, 'hello')
    expect(readSignedValue(key, signed)).toBe('hello')
    expect(readSignedValue(deriveKey('another-root', 'moderation-token'), signed)).toBeNull()
  })
})
