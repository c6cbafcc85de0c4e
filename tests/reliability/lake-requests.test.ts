// Issue #14: the lake's answers to malformed and oversized requests. An oversized body is 413 and is not read
// past the limit; a malformed percent-escape in a path is 400, not 500, and does not take the lake down.
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_JSON_BODY_BYTES } from '@/sanity/lake/http/request'
import { startTestLake, type TestLake } from '../support/lake.ts'

let lake: TestLake
let origin: URL

beforeAll(async () => {
  lake = await startTestLake({ storage: 'memory', tlsPort: null })
  origin = new URL(lake.lake.url)
})
afterAll(() => lake?.stop())

const MiB = 1024 * 1024

type Upload = { status: number; body: string; sentBeforeAnswer: number; sent: number }

/**
 * POSTs spaces in 1 MiB chunks, honouring backpressure, until the lake answers, or with `keepSending` (a
 * client that ignores the answer) until the lake drops the connection or `maxBytes` are written. Chunked
 * unless `declaredLength` is given; `maxBytes` must not pass a declared length.
 */
function upload(
  path: string,
  options: { maxBytes: number; declaredLength?: number; keepSending?: boolean },
): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${lake.lake.tokens.editor}`,
      'content-type': 'application/json',
    }
    if (options.declaredLength !== undefined) headers['content-length'] = String(options.declaredLength)
    const req = httpRequest({ host: origin.hostname, port: origin.port, method: 'POST', path, headers })
    const result: Upload = { status: 0, body: '', sentBeforeAnswer: -1, sent: 0 }
    const chunk = Buffer.alloc(MiB, 0x20)
    const stopped = (): boolean => result.status !== 0 && options.keepSending !== true
    req.on('response', (res) => {
      result.status = res.statusCode ?? 0
      result.sentBeforeAnswer = result.sent
      const parts: Buffer[] = []
      res.on('data', (part: Buffer) => parts.push(part))
      res.on('end', () => {
        result.body = Buffer.concat(parts).toString('utf8')
        if (!options.keepSending) req.destroy()
      })
    })
    // Once the lake has answered, a write into the dropped connection fails: that is the point.
    req.on('error', (error) => {
      if (result.status === 0) reject(error)
    })
    req.on('close', () => resolve(result))
    const pump = (): void => {
      while (!stopped() && !req.destroyed && result.sent < options.maxBytes) {
        result.sent += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', pump)
          return
        }
      }
      if (!stopped() && !req.destroyed) req.end()
    }
    req.flushHeaders()
    pump()
  })
}

describe('oversized request bodies', () => {
  // Socket buffers on both ends let a few MiB more through; reading on would take everything sent.
  const SLACK = 32 * MiB

  it('answers 413 at once to a declared length past the limit, and reads none of the body', async () => {
    const answer = await upload('/v2025-02-19/data/mutate/production', {
      maxBytes: 2 * MAX_JSON_BODY_BYTES,
      declaredLength: 2 * MAX_JSON_BODY_BYTES,
      keepSending: true,
    })
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 413, error: 'Payload Too Large' })
    expect(answer.sentBeforeAnswer).toBeLessThan(SLACK)
    expect(answer.sent).toBeLessThan(SLACK)
  })

  it('stops reading a streamed body at the limit, answers 413 and drops a client that sends on', async () => {
    const answer = await upload('/v2025-02-19/data/mutate/production', {
      maxBytes: 4 * MAX_JSON_BODY_BYTES,
      keepSending: true,
    })
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 413 })
    expect(answer.sentBeforeAnswer).toBeLessThan(MAX_JSON_BODY_BYTES + SLACK)
    expect(answer.sent).toBeLessThan(MAX_JSON_BODY_BYTES + SLACK)
    expect((await fetch(`${lake.lake.url}/v1/ping`)).status).toBe(200)
  })

  it('answers 413 to an oversized body a client stops sending once answered', async () => {
    const answer = await upload('/v2025-02-19/data/mutate/production', {
      maxBytes: 2 * MAX_JSON_BODY_BYTES,
    })
    expect(answer.status).toBe(413)
  })
})

describe('malformed paths', () => {
  const get = (path: string): Promise<Response> =>
    fetch(`${lake.lake.url}${path}`, { headers: { authorization: `Bearer ${lake.lake.tokens.viewer}` } })

  for (const path of [
    '/v2025-02-19/data/doc/production/%E0%A4%A',
    '/v2025-02-19/data/query/%zz?query=*',
    '/images/lakeside/production/%',
  ]) {
    it(`answers 400 to a malformed percent-escape in ${path}`, async () => {
      const response = await get(path)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' })
    })
  }

  it('decodes a path segment once, so an escaped % is a plain character', async () => {
    expect((await get('/v1/modules/sanity/latest/%25E0/t1')).status).toBe(404)
    expect((await get('/v1/modules/sanity/latest/%5E6.16.0/t1')).status).toBe(200)
  })

  it('refuses a WebSocket upgrade to a malformed path and keeps serving', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: origin.hostname,
        port: origin.port,
        path: '/v1/socket/%E0%A4%A',
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      })
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('upgrade', () => reject(new Error('upgraded')))
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(404)
    expect((await fetch(`${lake.lake.url}/v1/ping`)).status).toBe(200)
  })
})
