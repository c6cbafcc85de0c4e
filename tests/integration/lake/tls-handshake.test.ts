import { mkdtempSync } from 'node:fs'
import { connect, constants, createSecureServer } from 'node:http2'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadOrCreateLocalTls } from '../../../sanity/lake/tls/local-tls.ts'

describe('the local certificate', () => {
  it('lets an HTTP/2 client that trusts the local CA talk to the project hostname without errors', async () => {
    const tls = loadOrCreateLocalTls(mkdtempSync(join(tmpdir(), 'tls-')), ['localhost', 'lakeside.localhost'])
    const server = createSecureServer(
      { cert: tls.cert, key: tls.key, allowHTTP1: true },
      (request, response) => {
        response.end(`hello over HTTP/${request.httpVersion}`)
      },
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo

    try {
      // glibc does not resolve *.localhost, so connect to loopback and name the host for SNI and verification.
      const session = connect(`https://127.0.0.1:${port}`, { ca: tls.ca, servername: 'lakeside.localhost' })
      const body = await new Promise<string>((resolve, reject) => {
        session.on('error', reject)
        const stream = session.request({ [constants.HTTP2_HEADER_PATH]: '/' })
        let text = ''
        stream.setEncoding('utf8')
        stream.on('data', (chunk: string) => (text += chunk))
        stream.on('end', () => resolve(text))
        stream.on('error', reject)
      })
      session.close()
      expect(body).toBe('hello over HTTP/2.0')
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
