// The hosted site's own Studio (`/studio` through the nginx front of `npm run start:stack`) in real Chromium,
// against the lake standing in for hosted Sanity through SANITY_STUDIO_API_HOST (issue #13). The stack is the
// real script on free loopback ports and a temporary data folder; it prints the Studio link the test follows.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { caughtMessageSchema } from '../../scripts/mail-catcher/message-store.ts'
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../support/chromium.ts'
import { fillReply, MIN_FILL_MS } from '../support/e2e-reader.ts'
import { freeLoopbackPort } from '../support/redis.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const HOST = '127.0.0.1'
const READY_LINE = 'Press Ctrl-C to stop.'
const SEED_POST_PATH = '/posts/understanding-leg-cramps-causes-and-solutions'

type RunningStack = { frontUrl: string; inboxUrl: string; studioLink: string; output(): string }

let child: ChildProcess | undefined
let dataRoot: string | undefined
let stack: RunningStack
let browser: Browser
const contexts: BrowserContext[] = []

/** A free port whose successor is free too: the lake's HTTP/2 listener takes the port after its own. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freeLoopbackPort()
    const next = createServer()
    const free = await new Promise<boolean>((done) => {
      next.once('error', () => done(false))
      next.listen(port + 1, HOST, () => done(true))
    })
    if (free) {
      await new Promise((done) => next.close(done))
      return port
    }
  }
}

async function startStack(): Promise<RunningStack> {
  dataRoot = await mkdtemp(join(tmpdir(), 'stack-studio-'))
  const front = await freeLoopbackPort()
  const inbox = await freeLoopbackPort()
  const env = {
    ...process.env,
    BLOG_DATA_DIR: dataRoot,
    STACK_HOST: HOST,
    STACK_FRONT_PORT: String(front),
    STACK_SITE_PORTS: `${await freeLoopbackPort()},${await freeLoopbackPort()}`,
    STACK_LAKE_PORT: String(await freePortPair()),
    STACK_REDIS_PORT: String(await freeLoopbackPort()),
    STACK_SMTP_PORT: String(await freeLoopbackPort()),
    STACK_INBOX_PORT: String(inbox),
  }
  // --no-studio: the lake's own Studio build is not the one under test; the site's is part of `next build`.
  const started = spawn(process.execPath, ['scripts/start-stack.ts', '--fresh', '--no-studio'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = started
  let output = ''
  started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  // The first run builds the site (one to three minutes here).
  const deadline = Date.now() + 480_000
  while (!output.includes(READY_LINE)) {
    if (started.exitCode !== null) throw new Error(`start:stack exited (${started.exitCode}):\n${output}`)
    if (Date.now() > deadline) throw new Error(`start:stack was not ready in time:\n${output}`)
    await new Promise((done) => setTimeout(done, 250))
  }
  const studioLink = /^\s*Studio\s+(\S+)$/m.exec(output)?.[1]
  if (studioLink === undefined) throw new Error(`start:stack printed no Studio line:\n${output}`)
  return {
    frontUrl: `http://${HOST}:${front}`,
    inboxUrl: `http://${HOST}:${inbox}`,
    studioLink,
    output: () => output,
  }
}

async function stopStack(): Promise<void> {
  if (child !== undefined && child.exitCode === null) {
    const exited = once(child, 'exit')
    child.kill('SIGINT')
    const timer = setTimeout(() => child?.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
  }
  if (dataRoot !== undefined) await rm(dataRoot, { recursive: true, force: true })
}

beforeAll(async () => {
  try {
    stack = await startStack()
    browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS })
  } catch (error) {
    await stopStack()
    throw error
  }
}, 600_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await stopStack()
}, 60_000)

/** What the Studio page asked of this machine and did not get, and what it threw. */
type Trouble = { failedLocalRequests: string[]; pageErrors: string[] }

// This machine is offline: the Studio's calls to Sanity's CDN (fonts, the bridge script, the version check)
// fail here and are no part of the test. Calls to the front or the lake (loopback, *.localhost) must not fail.
const isLocalHost = (url: string): boolean => {
  const { hostname } = new URL(url)
  return hostname === HOST || hostname === 'localhost' || hostname.endsWith('.localhost')
}

async function openStudio(): Promise<{ page: Page; trouble: Trouble }> {
  // The lake's certificate comes from a local CA the stack creates; the test browser does not trust it.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, timezoneId: 'UTC' })
  contexts.push(context)
  const page = await context.newPage()
  const trouble: Trouble = { failedLocalRequests: [], pageErrors: [] }
  page.on('pageerror', (error) => trouble.pageErrors.push(error.message))
  page.on('requestfailed', (request) => {
    // A listener the Studio closes itself when it leaves a pane ends as "aborted": not a failure.
    const reason = request.failure()?.errorText ?? ''
    if (isLocalHost(request.url()) && reason !== 'net::ERR_ABORTED')
      trouble.failedLocalRequests.push(`${request.method()} ${request.url()}: ${reason}`)
  })
  await page.goto(stack.studioLink)
  await page.getByTestId('studio-navbar').waitFor({ timeout: 60_000 })
  return { page, trouble }
}

const inboxSchema = z.array(caughtMessageSchema)

async function waitForStudioLink(marker: string): Promise<string> {
  const deadline = Date.now() + 45_000
  for (;;) {
    const response = await fetch(`${stack.inboxUrl}/api/messages`)
    const mail = inboxSchema.parse(await response.json()).find((message) => message.text.includes(marker))
    const link = mail === undefined ? undefined : /Moderate in the Studio: (\S+)/.exec(mail.text)?.[1]
    if (link !== undefined) return link
    if (Date.now() > deadline) throw new Error(`no moderation mail with a Studio link for ${marker}`)
    await new Promise((done) => setTimeout(done, 250))
  }
}

describe('the Studio of the hosted site, with the lake standing in for hosted Sanity', () => {
  it('prints a sign-in link to the front’s /studio that opens the signed-in Studio', async () => {
    expect(stack.studioLink.startsWith(`${stack.frontUrl}/studio/#token=`)).toBe(true)
    const { page, trouble } = await openStudio()
    // The token moved from the fragment into the Studio's storage, and the navbar shows who signed in.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/studio/structure')
    expect(new URL(page.url()).hash).toBe('')
    // Documents listed come from the lake, through the Studio's own client.
    await page.goto(`${stack.frontUrl}/studio/structure/post`)
    await page
      .getByTestId('document-list-pane')
      .getByRole('option', { name: /How Much Water Do You Really Need\?/ })
      .waitFor({ timeout: 30_000 })
    expect(trouble).toEqual({ failedLocalRequests: [], pageErrors: [] })
  }, 120_000)

  it('opens the comment itself from the moderation mail’s “Moderate in the Studio” link', async () => {
    const marker = `studio-link-${Date.now()}`
    const name = `Linked Reader ${marker.slice(-6)}`
    const readerContext = await browser.newContext()
    contexts.push(readerContext)
    const reader = await readerContext.newPage()
    await reader.goto(`${stack.frontUrl}${SEED_POST_PATH}`)
    await fillReply(reader, { body: `Stretching helped me. ${marker}`, name, email: `${marker}@example.com` })
    // The form's own rule, not synchronisation: a post sooner than a person types is a bot's.
    await reader.waitForTimeout(MIN_FILL_MS)
    await reader.getByRole('button', { name: 'Post Comment' }).click()
    await reader.getByText('Your comment is awaiting moderation.').first().waitFor({ timeout: 30_000 })

    const link = await waitForStudioLink(marker)
    // The site names comments `comment.<uuid>` (COMMENT_ID_PREFIX, lib/comments/store.ts).
    const commentId = /;(comment\.[^/;,]+)$/.exec(link)?.[1]
    expect(link.startsWith(`${stack.frontUrl}/studio/structure/comment;`), link).toBe(true)
    if (commentId === undefined) throw new Error(`no comment id in ${link}`)
    const { page, trouble } = await openStudio()
    await page.goto(link)
    const nameField = page.getByLabel('Name', { exact: true })
    await nameField.waitFor({ timeout: 30_000 })
    await expect.poll(() => nameField.inputValue(), { timeout: 15_000 }).toBe(name)
    await expect.poll(() => page.getByLabel('Body').inputValue()).toContain(marker)
    expect(page.url()).toContain(commentId)
    expect(trouble).toEqual({ failedLocalRequests: [], pageErrors: [] })
  }, 120_000)
})
