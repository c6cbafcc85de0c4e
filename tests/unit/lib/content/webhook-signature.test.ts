import { encodeSignatureHeader } from '@sanity/webhook'
import { describe, expect, it } from 'vitest'
import { isValidWebhookSignature, WEBHOOK_MAX_AGE_MS } from '@/lib/content/webhook-signature'

const SECRET = 'a-webhook-secret-of-some-length'
const BODY = '{"_id":"post-a","_type":"post","slug":"a"}'

describe('isValidWebhookSignature', () => {
  it('accepts a body signed with the secret, as Sanity signs it', async () => {
    const header = await encodeSignatureHeader(BODY, Date.now(), SECRET)
    expect(isValidWebhookSignature(BODY, header, SECRET)).toBe(true)
  })

  it('rejects a changed body, a different secret, a missing header and a malformed one', async () => {
    const header = await encodeSignatureHeader(BODY, Date.now(), SECRET)
    expect(isValidWebhookSignature(BODY.replace('post-a', 'post-b'), header, SECRET)).toBe(false)
    expect(isValidWebhookSignature(BODY, header, 'another-secret-entirely-here')).toBe(false)
    expect(isValidWebhookSignature(BODY, null, SECRET)).toBe(false)
    expect(isValidWebhookSignature(BODY, 'garbage', SECRET)).toBe(false)
    expect(isValidWebhookSignature(BODY, 't=1,v1=', SECRET)).toBe(false)
  })

  it('rejects a correct signature made too long ago, so a captured request cannot be replayed later', async () => {
    const signedAt = Date.parse('2026-03-01T10:00:00.000Z')
    const header = await encodeSignatureHeader(BODY, signedAt, SECRET)
    expect(isValidWebhookSignature(BODY, header, SECRET, new Date(signedAt + WEBHOOK_MAX_AGE_MS))).toBe(true)
    expect(isValidWebhookSignature(BODY, header, SECRET, new Date(signedAt + WEBHOOK_MAX_AGE_MS + 1))).toBe(
      false,
    )
    expect(isValidWebhookSignature(BODY, header, SECRET, new Date(signedAt - WEBHOOK_MAX_AGE_MS - 1))).toBe(
      false,
    )
  })
})
