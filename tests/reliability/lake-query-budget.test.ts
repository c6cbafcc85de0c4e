// Issue #14 item 1: one anonymous GROQ query with nested subqueries over `*` stalled the whole lake. Each query now
// has a time and work budget, is aborted past it with a Sanity-shaped error, and lets other requests in meanwhile.
// The lake runs as its own process (`sanity/lake/main.ts`, which calls startLake on port 0 with a disk store in a
// temp dir): a lake that never yields would otherwise freeze this test's own event loop instead of failing it.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ClientError, type SanityClient } from '@sanity/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createLakeClient } from '../support/lake.ts'

const PROJECT = 'lakeside'
const DATASET = 'production'
const DOCUMENTS = 3_000
const PER_TRANSACTION = 500
const QUERY_TIMEOUT_MS = 3_000
// High enough that the clock, not the work count, stops the queries here: the pings then run against
// queries that take their whole time budget. (With the default work limit this query stops far sooner.)
const QUERY_MAX_WORK = 1_000_000_000_000
// The shape from the issue: each level of nesting multiplies the work by the number of documents.
const HOSTILE_QUERY = 'count(*[0...20]{"a": *[]{"b": *[]{"c": *[]{"d": *[]}}}})'
const CONCURRENT_HOSTILE_QUERIES = 4
// The client gives up well after the budget, so a lake without one fails the test instead of hanging it.
const CLIENT_TIMEOUT_MS = 20_000
const PING_TIMEOUT_MS = 5_000
const MAX_PINGS = 5_000
// How late an aborted query may answer after its budget ran out, on a loaded 2-core machine.
const ABORT_SLACK_MS = 3_000

const tokenFileSchema = z.object({ tokens: z.array(z.object({ role: z.string(), token: z.string() })) })

let child: ChildProcess | undefined
let dataDir = ''
let url = ''
let anonymous: SanityClient

async function spawnLake(): Promise<string> {
  const started = spawn(process.execPath, ['sanity/lake/main.ts'], {
    env: {
      ...process.env,
      LAKE_DATA_DIR: dataDir,
      LAKE_PORT: '0',
      LAKE_HOST: '127.0.0.1',
      LAKE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
      LAKE_QUERY_MAX_WORK: String(QUERY_MAX_WORK),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  child = started
  return new Promise<string>((resolve, reject) => {
    let output = ''
    started.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/[^\s]+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    })
    started.once('exit', (code) => reject(new Error(`lake exited early with ${code}`)))
  })
}

async function readEditorToken(): Promise<string> {
  const file = tokenFileSchema.parse(JSON.parse(await readFile(join(dataDir, 'tokens.json'), 'utf8')))
  const editor = file.tokens.find((token) => token.role === 'editor')
  if (!editor) throw new Error('the lake wrote no editor token')
  return editor.token
}

async function seed(editor: SanityClient): Promise<void> {
  for (let start = 0; start < DOCUMENTS; start += PER_TRANSACTION) {
    const tx = editor.transaction()
    for (let i = start; i < start + PER_TRANSACTION; i++)
      tx.createOrReplace({ _id: `post-${i}`, _type: 'post', title: `Post ${i}`, n: i })
    await tx.commit({ returnDocuments: false, visibility: 'async' })
  }
}

/** The query's rejection, or `null` if it answered. */
async function runHostileQuery(): Promise<unknown> {
  return anonymous.fetch(HOSTILE_QUERY).then(
    () => null,
    (error: unknown) => error,
  )
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN
}

function expectBudgetError(error: unknown): void {
  expect(error).toBeInstanceOf(ClientError)
  expect(error).toMatchObject({
    statusCode: 400,
    details: { type: 'queryTimeoutError', description: expect.stringMatching(/timed out/i) },
  })
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lake-query-budget-'))
  url = await spawnLake()
  const lake = { url, projectId: PROJECT, dataset: DATASET }
  await seed(createLakeClient(lake, await readEditorToken()))
  anonymous = createLakeClient(lake).withConfig({ timeout: CLIENT_TIMEOUT_MS })
})

afterAll(async () => {
  child?.kill('SIGKILL')
  await rm(dataDir, { recursive: true, force: true })
})

describe('a query budget on the lake', () => {
  it('aborts nested subqueries over * with a Sanity-shaped error once the time budget is spent', async () => {
    const started = performance.now()
    const error = await runHostileQuery()
    const elapsed = performance.now() - started

    expectBudgetError(error)
    expect(elapsed).toBeLessThan(QUERY_TIMEOUT_MS + ABORT_SLACK_MS)
  })

  it('keeps answering /v1/ping within 50 ms (p99) while four such queries run', async () => {
    let running = CONCURRENT_HOSTILE_QUERIES
    const queries = Array.from({ length: CONCURRENT_HOSTILE_QUERIES }, () =>
      runHostileQuery().finally(() => running--),
    )
    const latencies: number[] = []
    while (running > 0 && latencies.length < MAX_PINGS) {
      const started = performance.now()
      const status = await fetch(`${url}/v1/ping`, { signal: AbortSignal.timeout(PING_TIMEOUT_MS) }).then(
        async (response) => {
          await response.arrayBuffer()
          return response.status
        },
        () => 'no answer',
      )
      latencies.push(performance.now() - started)
      expect(status).toBe(200)
    }
    const errors = await Promise.all(queries)

    for (const error of errors) expectBudgetError(error)
    expect(latencies.length).toBeGreaterThan(20)
    const p99 = percentile(latencies, 0.99)
    expect(p99, `${latencies.length} pings, p50 ${percentile(latencies, 0.5).toFixed(1)} ms`).toBeLessThan(50)
  })
})
