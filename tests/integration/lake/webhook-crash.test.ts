import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLakeClient } from '../../support/lake.ts'

let children: ChildProcess[] = []
let cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL')
  children = []
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

async function spawnLake(
  dataDir: string,
  webhooksFile: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['sanity/lake/main.ts'], {
    env: {
      ...process.env,
      LAKE_DATA_DIR: dataDir,
      LAKE_PORT: '0',
      LAKE_TLS_PORT: '0',
      LAKE_HOST: '127.0.0.1',
      LAKE_WEBHOOKS_FILE: webhooksFile,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/[^\s]+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`lake exited early with ${code}`)))
  })
  return { child, url }
}

async function editorToken(dataDir: string): Promise<string> {
  const file: unknown = JSON.parse(await readFile(join(dataDir, 'tokens.json'), 'utf8'))
  const tokens =
    typeof file === 'object' && file !== null && 'tokens' in file && Array.isArray(file.tokens)
      ? file.tokens
      : []
  const editor: unknown = tokens.find((token: { role?: string }) => token.role === 'editor')
  if (
    typeof editor !== 'object' ||
    editor === null ||
    !('token' in editor) ||
    typeof editor.token !== 'string'
  )
    throw new Error('no editor token')
  return editor.token
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function startReceiver(port: number): Promise<{ server: Server; ids: string[] }> {
  const ids: string[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      if (typeof body === 'object' && body !== null && '_id' in body && typeof body._id === 'string')
        ids.push(body._id)
      res.writeHead(200).end()
    })
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, ids })))
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function setUp(): Promise<{ dataDir: string; webhooksFile: string; port: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lake-webhook-crash-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  const port = await freePort()
  const webhooksFile = join(dataDir, 'webhooks.json')
  await writeFile(
    webhooksFile,
    JSON.stringify([
      { name: 'posts', url: `http://127.0.0.1:${port}/hook`, filter: '_type == "post"', projection: '{_id}' },
    ]),
  )
  return { dataDir, webhooksFile, port }
}

describe('webhook durability', () => {
  it('delivers after SIGKILL the webhooks of transactions acknowledged before they were queued', async () => {
    const { dataDir, webhooksFile, port } = await setUp()
    const queuePath = join(dataDir, 'webhook-queue.ndjson')
    const first = await spawnLake(dataDir, webhooksFile)
    const client = createLakeClient(
      { url: first.url, projectId: 'lakeside', dataset: 'production' },
      await editorToken(dataDir),
    )
    await client.create({ _id: 'queued', _type: 'post' })
    await waitFor(async () => (await readFile(queuePath, 'utf8')).includes('"queued"'))
    const queuedBytes = (await stat(queuePath)).size
    await client.create({ _id: 'acknowledged-1', _type: 'post' })
    await client.create({ _id: 'acknowledged-2', _type: 'post' })
    first.child.kill('SIGKILL')
    await new Promise((resolve) => first.child.once('exit', resolve))
    // What a crash between commit and queueing leaves behind: the queue file ends before them.
    await truncate(queuePath, queuedBytes)

    const receiver = await startReceiver(port)
    cleanups.push(() => new Promise((resolve) => receiver.server.close(() => resolve())))
    await spawnLake(dataDir, webhooksFile)
    await waitFor(() => receiver.ids.length >= 3)
    expect([...receiver.ids].sort()).toEqual(['acknowledged-1', 'acknowledged-2', 'queued'])
  })

  it('delivers the webhook of every acknowledged write when killed under load', async () => {
    const { dataDir, webhooksFile, port } = await setUp()
    const first = await spawnLake(dataDir, webhooksFile)
    const client = createLakeClient(
      { url: first.url, projectId: 'lakeside', dataset: 'production' },
      await editorToken(dataDir),
    )
    const acknowledged: string[] = []
    let next = 0
    let stopped = false
    const writer = async (): Promise<void> => {
      while (!stopped) {
        const id = `load-${next++}`
        try {
          await client.create({ _id: id, _type: 'post' })
          acknowledged.push(id)
        } catch {
          return
        }
      }
    }
    const writers = Array.from({ length: 6 }, () => writer())
    await new Promise((resolve) => setTimeout(resolve, 400))
    first.child.kill('SIGKILL')
    stopped = true
    await Promise.all(writers)
    expect(acknowledged.length).toBeGreaterThan(5)

    const receiver = await startReceiver(port)
    cleanups.push(() => new Promise((resolve) => receiver.server.close(() => resolve())))
    await spawnLake(dataDir, webhooksFile)
    await waitFor(() => acknowledged.every((id) => receiver.ids.includes(id)))
    expect(new Set(receiver.ids).size).toBe(receiver.ids.length)
  })
})
