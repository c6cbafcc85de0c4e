import { readFile } from 'node:fs/promises'
import { request as httpsRequest } from 'node:https'
import { connect, constants, type ClientHttp2Session } from 'node:http2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake
let ca: string
let port: number
beforeAll(async () => {
  t = await startTestLake({ storage: 'memory' })
  if (t.lake.tlsUrl === null || t.lake.caFile === null) throw new Error('TLS listener is off')
  ca = await readFile(t.lake.caFile, 'utf8')
  port = Number(new URL(t.lake.tlsUrl).port)
  await t.editor.create({ _id: 'h2-doc', _type: 'post', title: 'Over HTTP/2' })
})
afterAll(async () => {
  await t.stop()
})

function openSession(): ClientHttp2Session {
  // glibc does not resolve *.localhost: connect to loopback and name the project host for SNI.
  return connect(`https://127.0.0.1:${port}`, { ca, servername: `${t.lake.projectId}.localhost` })
}

function get(session: ClientHttp2Session, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      [constants.HTTP2_HEADER_PATH]: path,
      authorization: `Bearer ${t.lake.tokens.editor}`,
    })
    let status = 0
    let body = ''
    stream.setEncoding('utf8')
    stream.on('response', (headers) => (status = Number(headers[constants.HTTP2_HEADER_STATUS])))
    stream.on('data', (chunk: string) => (body += chunk))
    stream.on('end', () => resolve({ status, body }))
    stream.on('error', reject)
  })
}

function openListener(
  session: ClientHttp2Session,
  query: string,
): Promise<{ welcome: string; next: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const params = new URLSearchParams({ query, effectFormat: 'mendoza' })
    const stream = session.request({
      [constants.HTTP2_HEADER_PATH]: `/v2025-02-19/data/listen/production?${params}`,
      authorization: `Bearer ${t.lake.tokens.editor}`,
      origin: 'https://localhost:3333',
    })
    stream.setEncoding('utf8')
    let text = ''
    let welcomed = false
    let markMutation: (event: string) => void = () => {}
    const next = new Promise<string>((resolveNext) => (markMutation = resolveNext))
    stream.on('response', (headers) => {
      expect(headers['content-type']).toContain('text/event-stream')
      expect(headers['access-control-allow-origin']).toBe('https://localhost:3333')
    })
    stream.on('data', (chunk: string) => {
      text += chunk
      if (!welcomed && text.includes('event: welcome')) {
        welcomed = true
        resolve({ welcome: text, next })
      }
      const mutation = /event: mutation\ndata: (.*)\n/.exec(text)
      if (mutation?.[1]) markMutation(mutation[1])
    })
    stream.on('error', reject)
  })
}

describe('HTTP/2 over TLS', () => {
  it('serves eight concurrent listeners and a document fetch on one HTTP/2 session', async () => {
    const session = openSession()
    try {
      const listeners = await Promise.all(
        Array.from({ length: 8 }, () => openListener(session, '*[_type == "post"]')),
      )
      const doc = await get(session, '/v2025-02-19/data/doc/production/h2-doc')
      expect(doc.status).toBe(200)
      expect(JSON.parse(doc.body)).toMatchObject({ documents: [{ _id: 'h2-doc', title: 'Over HTTP/2' }] })
      await t.editor.patch('h2-doc').set({ title: 'Changed' }).commit()
      const events = await Promise.all(listeners.map((listener) => listener.next))
      for (const event of events)
        expect(JSON.parse(event)).toMatchObject({ documentId: 'h2-doc', transition: 'update' })
    } finally {
      session.close()
    }
  })

  it('answers queries and errors with their status over HTTP/2', async () => {
    const session = openSession()
    try {
      const query = await get(
        session,
        `/v2025-02-19/data/query/production?query=${encodeURIComponent('*[_id == "h2-doc"][0].title')}`,
      )
      expect(JSON.parse(query.body)).toMatchObject({ result: expect.any(String) })
      const missing = await get(session, '/v2025-02-19/nowhere/production')
      expect(missing.status).toBe(404)
    } finally {
      session.close()
    }
  })

  it('still speaks HTTP/1.1 on the TLS port', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/v2025-02-19/ping',
          ca,
          servername: 'localhost',
          headers: { authorization: `Bearer ${t.lake.tokens.editor}` },
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (text += chunk))
          res.on('end', () => resolve(text))
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(JSON.parse(body)).toEqual({ message: 'PONG' })
  })
})
