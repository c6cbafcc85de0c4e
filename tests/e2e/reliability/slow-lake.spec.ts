// A second `next start` of the same build, reading the lake through a proxy that holds every request for 2 s.
// What the cache holds must not wait for the lake: the proxy's request count shows whether a page touched it.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { z } from 'zod'
import { readTokenFile } from '../../../sanity/lake/storage/token-file.ts'
import { createOwnPost } from '../../support/e2e-reliability.ts'
import { E2E_DATA_DIR, E2E_HOST, E2E_LAKE_PORT, E2E_PORT, E2E_SMTP_PORT } from '../../support/e2e-settings.ts'

const LAKE_DELAY_MS = 2_000
const SLOW_SITE_PORT = E2E_PORT + 7
const SLOW_SITE_URL = `http://${E2E_HOST}:${SLOW_SITE_PORT}`
const NEXT_BIN = resolve(import.meta.dirname, '../../../node_modules/next/dist/bin/next')

type DelayingProxy = {
  url: string
  /** Content reads so far. */ requests: () => number
  close: () => Promise<void>
}

async function startDelayingProxy(): Promise<DelayingProxy> {
  let count = 0
  const server: Server = createServer((incoming, outgoing) => {
    // The mail worker polls the outbox on its own timer; only content reads say whether a page used the cache.
    if (!decodeURIComponent(incoming.url ?? '').includes('mailOutboxItem')) count += 1
    setTimeout(() => {
      const upstream = httpRequest(
        {
          host: E2E_HOST,
          port: E2E_LAKE_PORT,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(outgoing)
        },
      )
      upstream.on('error', () => outgoing.writeHead(502).end())
      incoming.pipe(upstream)
    }, LAKE_DELAY_MS)
  })
  await new Promise<void>((done) => server.listen(0, E2E_HOST, done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${E2E_HOST}:${port}`,
    requests: () => count,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

async function startSlowSite(lakeUrl: string): Promise<{ child: ChildProcess; errors: string[] }> {
  const secrets = z
    .object({ webhookSecret: z.string(), previewSecret: z.string(), commentSigningKey: z.string() })
    .parse(JSON.parse(await readFile(join(E2E_DATA_DIR, 'secrets.json'), 'utf8')))
  const tokens = (await readTokenFile(join(E2E_DATA_DIR, 'lake', 'tokens.json'))) ?? []
  const tokenFor = (role: string) => tokens.find((record) => record.role === role)?.token ?? ''
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-H', E2E_HOST, '-p', String(SLOW_SITE_PORT)], {
    cwd: resolve(import.meta.dirname, '../../..'),
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      SITE_URL: SLOW_SITE_URL,
      SANITY_API_HOST: lakeUrl,
      SANITY_API_READ_TOKEN: tokenFor('viewer'),
      SANITY_API_WRITE_TOKEN: tokenFor('editor'),
      SANITY_WEBHOOK_SECRET: secrets.webhookSecret,
      SANITY_PREVIEW_SECRET: secrets.previewSecret,
      COMMENT_SIGNING_KEY: secrets.commentSigningKey,
      SMTP_URL: `smtp://${E2E_HOST}:${E2E_SMTP_PORT}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const errors: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()))
  child.stdout?.on('data', (chunk: Buffer) => {
    if (/⨯|Error/.test(chunk.toString())) errors.push(chunk.toString())
  })
  return { child, errors }
}

test('with a lake that answers after 2 s, cached pages are served without waiting for it and nothing errors', async ({
  request,
}) => {
  test.setTimeout(180_000)
  const proxy = await startDelayingProxy()
  const site = await startSlowSite(proxy.url)
  try {
    await expect(async () => {
      expect((await request.get(`${SLOW_SITE_URL}/`, { timeout: 5_000 })).status()).toBe(200)
    }).toPass({ timeout: 60_000, intervals: [500, 1_000] })
    const post = await createOwnPost('slow-lake')

    // The first visit fills the cache through the slow lake; it is slow, but it works.
    const first = await request.get(`${SLOW_SITE_URL}${post.path}`, { timeout: 90_000 })
    expect(first.status()).toBe(200)
    expect(await first.text()).toContain('Reliability slow-lake')
    expect(proxy.requests()).toBeGreaterThan(0)

    const before = proxy.requests()
    for (const path of [post.path, post.path, '/', post.path]) {
      const again = await request.get(`${SLOW_SITE_URL}${path}`, { timeout: 90_000 })
      expect(again.status(), path).toBe(200)
    }
    expect(proxy.requests() - before).toBe(0)
    expect(site.errors.join('')).toBe('')
  } finally {
    site.child.kill('SIGTERM')
    await new Promise((done) => (site.child.exitCode !== null ? done(null) : site.child.once('exit', done)))
    await proxy.close()
  }
})
