// The revalidation webhook against bodies no webhook sends (issue #14): the route handler itself, called with
// streamed bodies that count how much of them was ever pulled.
import { encodeSignatureHeader } from '@sanity/webhook'
import { beforeAll, describe, expect, it, vi } from 'vitest'

const SECRET = 'revalidate-body-secret-0123456789'
const MB = 1024 * 1024
const CHUNK = 64 * 1024
let POST: (request: Request) => Promise<Response>

beforeAll(async () => {
  // lib/config/env.ts parses the environment once, when the route is first imported.
  vi.stubEnv('SANITY_WEBHOOK_SECRET', SECRET)
  ;({ POST } = await import('@/app/api/revalidate/route'))
})

/** A body of `totalBytes` made as it is read; `pulled()` says how much of it was. */
function aStreamedBody(totalBytes: number) {
  let sent = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close()
      const size = Math.min(CHUNK, totalBytes - sent)
      sent += size
      controller.enqueue(new Uint8Array(size).fill(0x61))
    },
  })
  return { stream, pulled: () => sent }
}

function aWebhookCall(body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) {
  return new Request('http://127.0.0.1/api/revalidate', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit)
}

describe('POST /api/revalidate', () => {
  it('answers an unsigned request with 401 before reading its body', async () => {
    const body = aStreamedBody(100 * MB)
    const response = await POST(aWebhookCall(body.stream))
    expect(response.status).toBe(401)
    expect(body.pulled()).toBeLessThanOrEqual(2 * CHUNK)
  })

  it('refuses a signed-looking body over 1 MB with 413, having read little more than 1 MB', async () => {
    const signature = await encodeSignatureHeader('{}', Date.now(), SECRET)
    const chunked = aStreamedBody(100 * MB)
    const response = await POST(aWebhookCall(chunked.stream, { 'sanity-webhook-signature': signature }))
    expect(response.status).toBe(413)
    expect(chunked.pulled()).toBeLessThanOrEqual(MB + 2 * CHUNK)

    const declared = aStreamedBody(100 * MB)
    const large = await POST(
      aWebhookCall(declared.stream, {
        'sanity-webhook-signature': signature,
        'content-length': String(100 * MB),
      }),
    )
    expect(large.status).toBe(413)
    expect(declared.pulled()).toBeLessThanOrEqual(2 * CHUNK)
  })

  it('still checks the signature of a small body', async () => {
    const body = JSON.stringify({ _id: 'post-x', _type: 'post', slug: 'x' })
    const wrong = await encodeSignatureHeader(body, Date.now(), 'another-secret-of-decent-length')
    const response = await POST(aWebhookCall(body, { 'sanity-webhook-signature': wrong }))
    expect(response.status).toBe(401)
  })
})
