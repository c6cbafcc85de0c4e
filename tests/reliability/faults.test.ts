// Faults between the comment path and its neighbours: SMTP down then back, the lake killed mid-load and restarted,
// a webhook receiver that is down while content is published. Each checks that nothing acknowledged was lost and
// nothing was done twice. Everything on 127.0.0.1, every wait bounded.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { composeModerationMail } from '@/lib/comments/notify'
import { createFormToken } from '@/lib/comments/spam/fill-time'
import { createSanityCommentStore, type CommentStore } from '@/lib/comments/store'
import { submitComment, type SubmitDeps } from '@/lib/comments/submit'
import type { SubmitResult } from '@/lib/comments/submit-result'
import { isValidWebhookSignature } from '@/lib/content/webhook-signature'
import { runOutboxOnce, type OutboxDeps } from '@/lib/mail/outbox'
import { createSanityOutboxStore } from '@/lib/mail/outbox-store'
import { createSmtpMailer } from '@/lib/mail/transport'
import { createMemoryRateLimiter } from '@/lib/security/rate-limit'
import { deriveKey } from '@/lib/security/tokens'
import { startMailCatcher } from '@/scripts/mail-catcher/catcher'
import { readTokenFile } from '@/sanity/lake/storage/token-file'
import { startLake } from '@/sanity/lake/server'
import { TEST_API_VERSION } from '../support/lake.ts'

const ROOT_KEY = 'faults-root-key-0123456789abcdef-xyz'
const keys = {
  formTimestamp: deriveKey(ROOT_KEY, 'form-timestamp'),
  ipHash: deriveKey(ROOT_KEY, 'ip-hash'),
  moderation: deriveKey(ROOT_KEY, 'moderation-token'),
}
const LAKE_MAIN = resolve(import.meta.dirname, '../../sanity/lake/main.ts')
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    if (await check().catch(() => false)) return
  }
  throw new Error(`gave up waiting for ${what}`)
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise((done) => server.close(done))
  return port
}

async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `reliability-${name}-`))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

const clientFor = (url: string, token: string): SanityClient =>
  createClient({
    projectId: 'lakeside',
    dataset: 'production',
    apiHost: url,
    useProjectHostname: false,
    apiVersion: TEST_API_VERSION,
    useCdn: false,
    token,
    perspective: 'raw',
    maxRetries: 0,
    timeout: 5_000,
  })

async function seed(writer: SanityClient, postId: string): Promise<void> {
  await writer
    .transaction()
    .createOrReplace({
      _id: 'siteSettings',
      _type: 'siteSettings',
      title: 'Faults',
      moderatorEmails: ['moderator@example.com'],
    })
    .createOrReplace({
      _id: postId,
      _type: 'post',
      title: 'A post under fault',
      slug: { _type: 'slug', current: postId },
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
      comments: { _type: 'commentSettings', mode: 'open' },
    })
    .commit({ visibility: 'sync' })
}

const submitDeps = (store: CommentStore): SubmitDeps => ({
  store,
  limiter: createMemoryRateLimiter(),
  now: () => new Date(),
  newId: randomUUID,
  keys,
  fallbackModerators: [],
})

function aComment(postId: string, body: string, index: number) {
  return {
    input: {
      postId,
      parentId: undefined,
      body,
      name: `Reader ${index}`,
      email: `reader${index}@example.com`,
      website: undefined,
      remember: false,
      honeypot: '',
      formToken: createFormToken(keys.formTimestamp, postId, new Date(Date.now() - 60_000)),
    },
    request: { ip: `198.51.100.${index % 250}`, userAgent: 'vitest' },
  }
}

function outboxDeps(writer: SanityClient, store: CommentStore, smtpUrl: string): OutboxDeps {
  const mailer = createSmtpMailer(smtpUrl)
  cleanups.push(async () => mailer.close())
  const now = () => new Date()
  return {
    store: createSanityOutboxStore(writer),
    mailer,
    now,
    leaseMs: 60_000,
    maxAttempts: 10,
    backoff: { baseMs: 1, maxMs: 1 },
    compose: (item) =>
      composeModerationMail(item, {
        store,
        key: keys.moderation,
        siteUrl: 'https://blog.example',
        fromAddress: 'no-reply@blog.example',
        now,
      }),
  }
}

/** The lake as `npm start` runs it: its own process with a disk store, so it can be killed for real. */
async function startLakeProcess(
  dataDir: string,
  port: number,
): Promise<{ child: ChildProcess; url: string; editor: string }> {
  const child = spawn(process.execPath, [LAKE_MAIN], {
    env: {
      ...process.env,
      LAKE_DATA_DIR: dataDir,
      LAKE_HOST: '127.0.0.1',
      LAKE_PORT: String(port),
      LAKE_TLS_PORT: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const url = `http://127.0.0.1:${port}`
  await waitFor('the lake to answer', async () => (await fetch(`${url}/v1/ping`)).ok, 30_000)
  const editor = (await readTokenFile(join(dataDir, 'tokens.json')))?.find(
    (record) => record.role === 'editor',
  )?.token
  if (editor === undefined) throw new Error('the lake wrote no editor token')
  return { child, url, editor }
}

describe('faults around comments', () => {
  it('keeps moderation mail while SMTP is down and delivers each one exactly once when it is back', async () => {
    const dir = await tempDir('smtp')
    const lake = await startLake({ dataDir: join(dir, 'lake'), port: 0, tlsPort: null, storage: 'memory' })
    cleanups.push(() => lake.close())
    const writer = clientFor(lake.url, lake.tokens.editor)
    const store = createSanityCommentStore(writer, randomUUID)
    await seed(writer, 'post-smtp-down')
    const smtpPort = await freePort()
    const smtpUrl = `smtp://127.0.0.1:${smtpPort}`

    const ids: string[] = []
    for (let index = 0; index < 5; index += 1) {
      const { input, request } = aComment('post-smtp-down', `Stored while SMTP is down #${index}`, index)
      const result = await submitComment(input, request, submitDeps(store))
      if (!result.ok) expect.fail(result.reason)
      ids.push(result.commentId)
    }
    const down = await runOutboxOnce(outboxDeps(writer, store, smtpUrl))
    expect(down).toMatchObject({ sent: 0, retried: 5 })

    const catcher = await startMailCatcher({ dataDir: join(dir, 'mail'), smtpPort, httpPort: 0 })
    cleanups.push(() => catcher.close())
    const mailFor = async (id: string) =>
      (await catcher.store.list()).filter((mail) => mail.text.includes(`comment;${id}`))
    for (let run = 0; run < 10; run += 1) {
      // Two workers at once, as two server processes would run them.
      await Promise.all([
        runOutboxOnce(outboxDeps(writer, store, smtpUrl)),
        runOutboxOnce(outboxDeps(writer, store, smtpUrl)),
      ])
      const counts = await Promise.all(ids.map(async (id) => (await mailFor(id)).length))
      if (counts.every((count) => count > 0)) break
      await sleep(20)
    }
    expect(await runOutboxOnce(outboxDeps(writer, store, smtpUrl))).toMatchObject({ sent: 0 })
    expect(await Promise.all(ids.map(async (id) => (await mailFor(id)).length))).toEqual(ids.map(() => 1))
    expect(await writer.fetch('*[_type == "mailOutboxItem" && commentId in $ids].status', { ids })).toEqual(
      ids.map(() => 'sent'),
    )
  })

  it('loses no acknowledged comment and duplicates none when the lake is killed under load and restarted', async () => {
    const dir = await tempDir('lake-kill')
    const port = await freePort()
    const first = await startLakeProcess(dir, port)
    const postId = 'post-lake-kill'
    await seed(clientFor(first.url, first.editor), postId)
    const store = createSanityCommentStore(clientFor(first.url, first.editor), randomUUID)

    const TOTAL = 60
    const acknowledged = new Map<number, string>()
    const failed = new Set<number>()
    let killed = false
    let nextIndex = 0
    const worker = async () => {
      while (nextIndex < TOTAL) {
        const index = nextIndex++
        const { input, request } = aComment(postId, `Under load #${index}`, index)
        const result: SubmitResult | null = await submitComment(input, request, submitDeps(store)).catch(
          () => null,
        )
        if (result?.ok === true) acknowledged.set(index, result.commentId)
        else failed.add(index)
        if (!killed && acknowledged.size >= 15) {
          killed = true
          first.child.kill('SIGKILL')
        }
      }
    }
    await Promise.all(Array.from({ length: 6 }, worker))
    expect(killed).toBe(true)
    expect(failed.size).toBeGreaterThan(0)
    await new Promise((done) =>
      first.child.exitCode !== null || first.child.signalCode !== null
        ? done(null)
        : first.child.once('exit', done),
    )

    const second = await startLakeProcess(dir, port)
    const writer = clientFor(second.url, second.editor)
    const rows = await writer.fetch<Array<{ _id: string; body: string }>>(
      '*[_type == "comment" && post._ref == $postId]{_id, body}',
      { postId },
    )
    const byId = new Set(rows.map((row) => row._id))
    expect([...acknowledged.values()].filter((id) => !byId.has(id))).toEqual([])
    const outboxed = await writer.fetch<string[]>(
      '*[_type == "mailOutboxItem" && commentId in $ids].commentId',
      { ids: [...acknowledged.values()] },
    )
    expect(new Set(outboxed).size).toBe(acknowledged.size)

    // A reader whose post failed sends it again: it is stored, or recognised as already there. Never twice.
    const retryStore = createSanityCommentStore(writer, randomUUID)
    for (const index of failed) {
      const { input, request } = aComment(postId, `Under load #${index}`, index)
      const result = await submitComment(input, request, submitDeps(retryStore))
      expect(result.ok || result.reason === 'duplicate').toBe(true)
    }
    const bodies = await writer.fetch<string[]>('*[_type == "comment" && post._ref == $postId].body', {
      postId,
    })
    expect(bodies.toSorted()).toEqual(
      Array.from({ length: TOTAL }, (_, index) => `Under load #${index}`).toSorted(),
    )
  })

  it('delivers a change published while the webhook receiver is down once it is back, freshly signed', async () => {
    const dir = await tempDir('webhook')
    const receiverPort = await freePort()
    const secret = 'faults-webhook-secret-0123456789'
    const lake = await startLake({
      dataDir: join(dir, 'lake'),
      port: 0,
      tlsPort: null,
      storage: 'memory',
      webhookRetry: { baseDelayMs: 250, maxAttempts: 8 },
      webhooks: [
        {
          name: 'revalidate-site',
          url: `http://127.0.0.1:${receiverPort}/api/revalidate`,
          secret,
          filter: '_type == "post"',
          projection: '{_id, _type, "slug": slug.current}',
          on: ['create', 'update', 'delete'],
        },
      ],
    })
    cleanups.push(() => lake.close())
    const writer = clientFor(lake.url, lake.tokens.editor)
    await seed(writer, 'post-webhook')
    await writer
      .patch('post-webhook')
      .set({ title: 'Changed while the site was down' })
      .commit({ visibility: 'sync' })
    const attemptLog = join(dir, 'lake', 'webhook-deliveries.ndjson')
    const readAttempts = async () =>
      (await readFile(attemptLog, 'utf8'))
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => z.object({ delivery: z.string(), outcome: z.string() }).parse(JSON.parse(line)))
    await waitFor('a failed delivery attempt', async () =>
      (await readAttempts()).some((a) => a.outcome === 'retrying'),
    )

    const received: Array<{ key: string; body: string; valid: boolean }> = []
    const receiver: Server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8')
        const header = request.headers['sanity-webhook-signature']
        received.push({
          key: String(request.headers['idempotency-key']),
          body,
          valid: isValidWebhookSignature(body, typeof header === 'string' ? header : null, secret),
        })
        response.writeHead(200).end('{}')
      })
    })
    await new Promise<void>((done) => receiver.listen(receiverPort, '127.0.0.1', done))
    cleanups.push(() => new Promise((done) => receiver.close(() => done())))

    await Promise.race([lake.webhooksIdle(), sleep(30_000)])
    expect(received.every((delivery) => delivery.valid)).toBe(true)
    const keys = received.map((delivery) => delivery.key)
    expect(new Set(keys).size).toBe(keys.length)
    const attempts = await readAttempts()
    const deliveries = [...new Set(attempts.map((a) => a.delivery))]
    expect(
      deliveries.map((id) => attempts.filter((a) => a.delivery === id && a.outcome === 'delivered').length),
    ).toEqual(deliveries.map(() => 1))
    expect(received).toHaveLength(deliveries.length)
    expect(received.map((delivery) => JSON.parse(delivery.body))).toEqual(
      expect.arrayContaining([{ _id: 'post-webhook', _type: 'post', slug: 'post-webhook' }]),
    )
  })
})
