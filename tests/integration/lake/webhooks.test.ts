import { readFile } from 'node:fs/promises'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

type Received = { headers: IncomingHttpHeaders; body: string }
const SECRET = 'webhook-secret'

async function startReceiver(
  answer: () => number,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(answer()).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${address.port}/hook`, received, server }
}

let cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

function webhook(url: string) {
  return {
    name: 'posts',
    url,
    secret: SECRET,
    filter: '_type == "post"',
    projection: '{_id, title, "op": delta::operation()}',
    on: ['create' as const, 'update' as const, 'delete' as const],
  }
}

describe('webhooks', () => {
  it('delivers a signed projection for each matching document change', async () => {
    const receiver = await startReceiver(() => 200)
    cleanups.push(() => new Promise((resolve) => receiver.server.close(() => resolve())))
    const t: TestLake = await startTestLake({ webhooks: [webhook(receiver.url)] })
    cleanups.push(() => t.stop())
    const created = await t.editor.create({ _id: 'p1', _type: 'post', title: 'Hi' })
    await t.editor.create({ _id: 'other', _type: 'author' })
    await t.editor.delete('p1')
    await t.lake.webhooksIdle()
    expect(receiver.received).toHaveLength(2)
    const [first, second] = receiver.received
    expect(JSON.parse(first?.body ?? '')).toEqual({ _id: 'p1', title: 'Hi', op: 'create' })
    expect(first?.headers).toMatchObject({
      'sanity-operation': 'create',
      'sanity-document-id': 'p1',
      'sanity-transaction-id': created._rev,
    })
    expect(first?.headers['idempotency-key']).toBeTruthy()
    const signature = String(first?.headers[SIGNATURE_HEADER_NAME])
    expect(await isValidSignature(first?.body ?? '', signature, SECRET)).toBe(true)
    expect(await isValidSignature(first?.body ?? '', signature, 'other-secret')).toBe(false)
    expect(second?.headers['sanity-operation']).toBe('delete')
  })

  it('retries with backoff while the receiver answers 5xx and logs every attempt', async () => {
    let calls = 0
    const receiver = await startReceiver(() => (++calls < 3 ? 503 : 200))
    cleanups.push(() => new Promise((resolve) => receiver.server.close(() => resolve())))
    const t = await startTestLake({ webhooks: [webhook(receiver.url)], webhookRetry: { baseDelayMs: 20 } })
    cleanups.push(() => t.stop())
    await t.editor.create({ _id: 'p2', _type: 'post', title: 'Retry' })
    await t.lake.webhooksIdle()
    expect(receiver.received).toHaveLength(3)
    const keys = new Set(receiver.received.map((r) => r.headers['idempotency-key']))
    expect(keys.size).toBe(1)
    const log = (await readFile(join(t.dataDir, 'webhook-deliveries.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(log.map((entry) => entry.outcome)).toEqual(['retrying', 'retrying', 'delivered'])
  })

  it('delivers after a restart what was pending while the receiver was down', async () => {
    const down = await startReceiver(() => 200)
    const url = down.url
    await new Promise<void>((resolve) => down.server.close(() => resolve()))
    const first = await startTestLake({ webhooks: [webhook(url)], webhookRetry: { baseDelayMs: 60_000 } })
    await first.editor.create({ _id: 'p3', _type: 'post', title: 'Later' })
    await new Promise((resolve) => setTimeout(resolve, 200))
    await first.lake.close()

    const port = Number(new URL(url).port)
    const received: Received[] = []
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
        res.writeHead(200).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())))
    const second = await startTestLake({
      dataDir: first.dataDir,
      webhooks: [webhook(url)],
      webhookRetry: { baseDelayMs: 20 },
    })
    cleanups.push(() => second.stop())
    await second.lake.webhooksIdle()
    expect(received).toHaveLength(1)
    expect(JSON.parse(received[0]?.body ?? '')).toMatchObject({ _id: 'p3', title: 'Later' })
    expect(
      await isValidSignature(
        received[0]?.body ?? '',
        String(received[0]?.headers[SIGNATURE_HEADER_NAME]),
        SECRET,
      ),
    ).toBe(true)
  })
})
