// Where the comment limits get the client's address from (issue #14): a real HTTP server on 127.0.0.0/8 with the
// connection stamp the site installs at start-up, and clients that send whatever forwarding headers they like.
// tests/e2e/reliability/client-address.spec.ts checks that `next start` hands the stamp to the comment action.
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRequestIp, installConnectionAddressStamp } from '@/lib/security/connection-address'

let server: Server
let port: number

beforeAll(async () => {
  installConnectionAddressStamp()
  // What the comment action sees: the request's headers, read through Next's Headers-like interface.
  server = createServer((req, res) => {
    const ip = getRequestIp({
      get: (name) => {
        const value = req.headers[name.toLowerCase()]
        return typeof value === 'string' ? value : null
      },
    })
    res.end(ip)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((done) => server.close(done))
})

/** One request from `localAddress` (any address in 127.0.0.0/8 is on the loopback interface). */
function askFrom(localAddress: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, localAddress, headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve(body))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the client address with no trusted proxy (TRUSTED_PROXY_HOPS unset)', () => {
  it('is the connection’s address, whatever forwarding headers the client sends', async () => {
    const forged: Array<Record<string, string>> = [
      {},
      { 'x-forwarded-for': '203.0.113.1' },
      { 'x-forwarded-for': '203.0.113.2, 198.51.100.2' },
      { 'x-real-ip': '203.0.113.3' },
      { 'x-forwarded-for': '127.0.0.99', 'x-real-ip': '127.0.0.98' },
      { forwarded: 'for=203.0.113.4' },
    ]
    const seen = await Promise.all(forged.map((headers) => askFrom('127.0.0.2', headers)))
    expect(seen).toEqual(forged.map(() => '127.0.0.2'))
  })

  it('differs for two readers on different addresses', async () => {
    const [first, second] = await Promise.all([
      askFrom('127.0.0.3', { 'x-forwarded-for': '203.0.113.5' }),
      askFrom('127.0.0.4', { 'x-forwarded-for': '203.0.113.5' }),
    ])
    expect([first, second]).toEqual(['127.0.0.3', '127.0.0.4'])
  })
})
