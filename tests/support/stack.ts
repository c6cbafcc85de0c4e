// `npm run start:stack` as the stack tests run it: the real script, on free loopback ports and a temporary data
// folder, with a Redis the test owns (so it can stop and restart it) and the lake's webhooks sent to instance 1.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import { z } from 'zod'
import { caughtMessageSchema, type CaughtMessage } from '../../scripts/mail-catcher/message-store.ts'
import {
  extractCommentForm,
  readSubmitAnswer,
  type CommentFormFields,
  type SubmitAnswer,
} from '../../bench/support/comment-form.ts'
import { DEFAULT_COMMENT_POLICY } from '../../lib/comments/spam/policy.ts'
import { freeLoopbackPort, startTestRedis, type TestRedis } from './redis.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const HOST = '127.0.0.1'
const READY_LINE = 'Press Ctrl-C to stop.'

export type TestStack = {
  frontUrl: string
  siteUrls: [string, string]
  lakeUrl: string
  inboxUrl: string
  redis: TestRedis
  editor: SanityClient
  /** The stack script's output so far, for failure messages. */
  output(): string
  /** The pids listening on an instance's port (`next start` and its server process). */
  instancePids(index: 0 | 1): Promise<number[]>
  stop(): Promise<void>
}

export type TestStackOptions = {
  /** Where the lake's webhooks go: an instance (default 1, which proves the cache is shared) or the front. */
  webhooks?: 'instance-1' | 'front'
  frontWorkers?: number
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const redis = await startTestRedis()
  const dataRoot = await mkdtemp(join(tmpdir(), 'stack-test-'))
  const ports = {
    front: await freeLoopbackPort(),
    sites: [await freeLoopbackPort(), await freeLoopbackPort()] as const,
    lake: await freeLoopbackPort(),
    smtp: await freeLoopbackPort(),
    inbox: await freeLoopbackPort(),
  }
  const child = spawn(process.execPath, ['scripts/start-stack.ts', '--fresh', '--no-studio'], {
    cwd: ROOT,
    env: {
      ...process.env,
      BLOG_DATA_DIR: dataRoot,
      STACK_HOST: HOST,
      STACK_FRONT_PORT: String(ports.front),
      STACK_SITE_PORTS: ports.sites.join(','),
      STACK_LAKE_PORT: String(ports.lake),
      STACK_SMTP_PORT: String(ports.smtp),
      STACK_INBOX_PORT: String(ports.inbox),
      STACK_REDIS_URL: redis.url,
      STACK_WEBHOOK_INSTANCE: options.webhooks === 'front' ? '' : '1',
      STACK_FRONT_WORKERS: options.frontWorkers === undefined ? '' : String(options.frontWorkers),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const stop = async () => {
    await stopStack(child)
    // The whole story of the run, for a failure in CI: test-results/ is kept as an artifact and ignored by git.
    await mkdir(join(ROOT, 'test-results'), { recursive: true })
    await writeFile(join(ROOT, 'test-results', 'stack-output.log'), output)
    await redis.stop()
    await rm(dataRoot, { recursive: true, force: true })
  }
  try {
    await waitForReady(child, () => output)
  } catch (error) {
    await stop()
    throw error
  }
  const lakeUrl = `http://${HOST}:${ports.lake}`
  const tokens = z
    .object({ tokens: z.array(z.object({ role: z.string(), token: z.string() })) })
    .parse(JSON.parse(await readFile(join(dataRoot, 'stack', 'lake', 'tokens.json'), 'utf8')))
  const editorToken = tokens.tokens.find((token) => token.role === 'editor')?.token
  return {
    frontUrl: `http://${HOST}:${ports.front}`,
    siteUrls: [`http://${HOST}:${ports.sites[0]}`, `http://${HOST}:${ports.sites[1]}`],
    lakeUrl,
    inboxUrl: `http://${HOST}:${ports.inbox}`,
    redis,
    editor: createClient({
      projectId: 'lakeside',
      dataset: 'production',
      apiHost: lakeUrl,
      useProjectHostname: false,
      apiVersion: '2025-02-19',
      useCdn: false,
      token: editorToken,
      maxRetries: 0,
    }),
    output: () => output,
    instancePids: (index) => listeningPids(ports.sites[index]),
    stop,
  }
}

async function waitForReady(child: ChildProcess, output: () => string): Promise<void> {
  // The first run builds the site (about a minute here, more on a loaded machine).
  const deadline = Date.now() + 480_000
  while (!output().includes(READY_LINE)) {
    if (child.exitCode !== null) throw new Error(`start:stack exited (${child.exitCode}):\n${output()}`)
    if (Date.now() > deadline) throw new Error(`start:stack was not ready in time:\n${output()}`)
    await new Promise((done) => setTimeout(done, 250))
  }
}

async function stopStack(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGINT')
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  await exited
  clearTimeout(timer)
}

/** Pids with a listening socket on `port`, from /proc (no lsof needed). */
async function listeningPids(port: number): Promise<number[]> {
  const { readdir, readlink } = await import('node:fs/promises')
  const tcp = await readFile('/proc/net/tcp', 'utf8')
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  const inodes = new Set(
    tcp
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A')
      .map((fields) => fields[9]),
  )
  const pids: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => [])
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '')
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1]
      if (inode !== undefined && inodes.has(inode)) {
        pids.push(Number(entry))
        break
      }
    }
  }
  return pids
}

export async function listMail(inboxUrl: string): Promise<CaughtMessage[]> {
  const response = await fetch(new URL('/api/messages', inboxUrl), { signal: AbortSignal.timeout(10_000) })
  return z.array(caughtMessageSchema).parse(await response.json())
}

export const SEED_POST = {
  id: 'post-understanding-leg-cramps',
  path: '/posts/understanding-leg-cramps-causes-and-solutions',
}

/** The article's no-JS form as one reader loaded it, and when: the site flags a form sent too soon as spam. */
export type OpenCommentForm = {
  siteUrl: string
  form: CommentFormFields
  headers: Record<string, string>
  openedAt: number
}

/** A person takes a few seconds to write: past the site's minimum fill time (3 s by default) with a margin. */
const FILL_TIME_MS = DEFAULT_COMMENT_POLICY.minFillMs + 250

/** Loads the article at `siteUrl` as a reader would; `headers` (e.g. `X-Forwarded-For`) go with every request. */
export async function openCommentForm(
  siteUrl: string,
  headers: Record<string, string> = {},
): Promise<OpenCommentForm> {
  const page = await fetch(`${siteUrl}${SEED_POST.path}`, { headers })
  return { siteUrl, form: extractCommentForm(await page.text()), headers, openedAt: Date.now() }
}

/** Posts the form (no JavaScript) with a comment naming `marker`, no sooner than a person could have. */
export async function submitCommentForm(
  open: OpenCommentForm,
  marker: string,
  headers: Record<string, string> = {},
): Promise<SubmitAnswer> {
  const wait = open.openedAt + FILL_TIME_MS - Date.now()
  if (wait > 0) await new Promise((done) => setTimeout(done, wait))
  const body = new FormData()
  for (const [name, value] of open.form.hidden) body.append(name, value)
  body.append('body', `Stack test comment ${marker}: thank you for the article.`)
  body.append('name', 'Stack Reader')
  body.append('email', `${marker}@stack.example`)
  body.append('website', '')
  body.append('fax', '')
  const response = await fetch(`${open.siteUrl}${open.form.actionPath}`, {
    method: 'POST',
    body,
    headers: { ...open.headers, ...headers, origin: open.siteUrl },
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  })
  const html = await response.text()
  return response.status === 200
    ? readSubmitAnswer(html)
    : { kind: 'other', message: `HTTP ${response.status}` }
}
