// 7. The content lake's growth under many writes (issue #14 item 9): 1,000 documents, then 100,000 single-patch
// transactions on them (each rewrites a document's text, as an editor's typing does), reporting the lake process's
// resident memory and its store's bytes on disk every 25,000 writes, against the live documents' bytes and against
// the memory of the same lake holding only the live documents. Then single-document creates per second (fsync'd,
// 32 in flight, as in bench/lake.ts). `node bench/lake-retention.ts` prints the figures as JSON; `npm run bench`
// puts them in the report. BENCH_LAKE_CHECKOUT=<another checkout> runs that checkout's lake (the "before" figures).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { SanityClient } from '@sanity/client'
import { z } from 'zod'
import { startChild, stopChild } from '../scripts/lib/child.ts'
import { readTokenFile } from '../sanity/lake/storage/token-file.ts'
import type { Benchmark } from './support/benchmark.ts'
import { createLakeClient } from './support/lake-client.ts'
import { Recorder } from './support/results.ts'
import { track } from './support/running.ts'
import {
  BENCH_DATA_ROOT,
  BENCH_HOST,
  FULL_PROFILE,
  QUICK_PROFILE,
  REPO_ROOT,
  type BenchProfile,
} from './support/settings.ts'
import { summarize } from './support/stats.ts'

const DOCUMENTS = 1_000
const CHECKPOINTS = 4
const IN_FLIGHT = 32
const LOAD_PER_TRANSACTION = 100
const CREATE_BATCHES = 3
/** Each document keeps its last 5 revisions, so the kept history is by design up to about 6x the live data. */
const HISTORY_MAX_REVISIONS = 5
const START_TIMEOUT_MS = 30_000

const envSchema = z.object({
  BENCH_LAKE_CHECKOUT: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
})

type Checkpoint = {
  mutations: number
  rssMiB: number
  diskBytes: number
  liveBytes: number
  mutationsPerSecond: number
}

type GrowthRun = {
  checkout: string
  /** Right after the documents were loaded: what the live data alone takes. */
  loadedRssMiB: number
  createsPerSecond: number[]
  checkpoints: Checkpoint[]
}

function readRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN) / 1024
}

function measureFolder(path: string): number {
  let bytes = 0
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name)
    bytes += entry.isDirectory() ? measureFolder(child) : statSync(child).size
  }
  return bytes
}

async function measureLiveBytes(client: SanityClient): Promise<number> {
  const docs = await client.fetch<unknown[]>('*[_type == "growthDoc"]', {}, { perspective: 'raw' })
  return docs.reduce<number>((sum, doc) => sum + JSON.stringify(doc).length, 0)
}

/** A post of about 1.6 KB whose text differs with every revision `n`. */
function aGrowthDoc(n: number): { _id: string; _type: string; title: string; n: number; body: unknown[] } {
  return {
    _id: `growth-${n}`,
    _type: 'growthDoc',
    title: `Document ${n}`,
    n: 0,
    body: [{ _type: 'block', _key: 'a', children: [{ _type: 'span', _key: 'b', text: buildText(n) }] }],
  }
}

function buildText(revision: number): string {
  return `Revision ${revision}. ${'Lorem ipsum dolor sit amet. '.repeat(50)}`
}

/** Runs `count` jobs, `IN_FLIGHT` at a time; resolves with jobs per second. */
async function runConcurrently(count: number, job: (n: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) await job(next++)
    }),
  )
  return count / ((performance.now() - started) / 1000)
}

/** Waits for the run file the lake writes once it listens (its ports are picked by the system). */
async function waitForRunFile(path: string, exited: Promise<unknown>): Promise<string> {
  let gone = false
  void exited.then(() => (gone = true))
  const deadline = performance.now() + START_TIMEOUT_MS
  while (performance.now() < deadline && !gone) {
    if (existsSync(path)) {
      const parsed = z.object({ url: z.string() }).safeParse(JSON.parse(readFileSync(path, 'utf8')))
      if (parsed.success) return parsed.data.url
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(gone ? 'the lake exited during start-up' : `no ${path} after ${START_TIMEOUT_MS} ms`)
}

export async function measureLakeGrowth(
  profile: BenchProfile,
  log: (line: string) => void,
): Promise<GrowthRun> {
  const checkout = resolve(envSchema.parse(process.env).BENCH_LAKE_CHECKOUT ?? REPO_ROOT)
  const mutations = profile.name === 'quick' ? 20_000 : 100_000
  const dataDir = join(BENCH_DATA_ROOT, 'lake-retention')
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  const child = startChild({
    name: 'lake',
    command: process.execPath,
    args: [join(checkout, 'sanity/lake/main.ts')],
    cwd: checkout,
    env: {
      LAKE_DATA_DIR: dataDir,
      LAKE_HOST: BENCH_HOST,
      LAKE_PORT: '0',
      LAKE_TLS_PORT: '0',
      LAKE_WEBHOOKS_FILE: '',
      LAKE_STUDIO_DIR: '',
      LAKE_HISTORY_MAX_REVISIONS: String(HISTORY_MAX_REVISIONS),
    },
  })
  const running = track({ name: 'lake (growth benchmark)', stop: () => stopChild(child) })
  try {
    const pid = child.process.pid
    if (pid === undefined) throw new Error('the lake process has no pid')
    const url = await waitForRunFile(join(dataDir, 'lake.json'), child.exited)
    const editor = (await readTokenFile(join(dataDir, 'tokens.json')))?.find(
      (token) => token.role === 'editor',
    )
    if (!editor) throw new Error(`the lake in ${dataDir} has no editor token`)
    const client = createLakeClient(url, editor.token)
    for (let from = 0; from < DOCUMENTS; from += LOAD_PER_TRANSACTION) {
      const tx = client.transaction()
      for (let n = from; n < from + LOAD_PER_TRANSACTION; n++) tx.create(aGrowthDoc(n))
      await tx.commit({ returnDocuments: false })
    }
    const run: GrowthRun = { checkout, loadedRssMiB: readRssMiB(pid), createsPerSecond: [], checkpoints: [] }
    const perCheckpoint = mutations / CHECKPOINTS
    for (let checkpoint = 1; checkpoint <= CHECKPOINTS; checkpoint++) {
      const offset = (checkpoint - 1) * perCheckpoint
      const mutationsPerSecond = await runConcurrently(perCheckpoint, (n) =>
        client
          .patch(`growth-${(offset + n) % DOCUMENTS}`)
          .set({ n: offset + n, 'body[0].children[0].text': buildText(offset + n) })
          .commit({ returnDocuments: false }),
      )
      const figures: Checkpoint = {
        mutations: checkpoint * perCheckpoint,
        rssMiB: readRssMiB(pid),
        diskBytes: measureFolder(join(dataDir, 'documents')),
        liveBytes: await measureLiveBytes(client),
        mutationsPerSecond,
      }
      run.checkpoints.push(figures)
      log(
        `${figures.mutations} mutations: RSS ${figures.rssMiB.toFixed(0)} MiB (${run.loadedRssMiB.toFixed(0)} when loaded), disk ${(figures.diskBytes / 2 ** 20).toFixed(1)} MiB, live ${(figures.liveBytes / 2 ** 20).toFixed(2)} MiB, ${Math.round(mutationsPerSecond)}/s`,
      )
    }
    // Measured last and on documents of their own, so they change none of the figures above.
    for (let batch = 0; batch < CREATE_BATCHES; batch++)
      run.createsPerSecond.push(
        await runConcurrently(DOCUMENTS, (n) =>
          client.create({ _id: `create-${batch}-${n}`, _type: 'benchDoc', n }, { returnDocuments: false }),
        ),
      )
    log(`creates: ${run.createsPerSecond.map((rate) => Math.round(rate)).join(', ')}/s`)
    return run
  } finally {
    await running.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function recordGrowth(record: Recorder, run: GrowthRun): void {
  if (run.checkout !== REPO_ROOT) record.note(`The lake measured is the one in ${run.checkout}.`)
  const retention = `LAKE_HISTORY_MAX_REVISIONS=${HISTORY_MAX_REVISIONS}, ${DOCUMENTS.toLocaleString('en')} documents`
  for (const checkpoint of run.checkpoints) {
    const group = `after ${checkpoint.mutations.toLocaleString('en')} patches`
    record.figure({
      group,
      label: 'lake process resident memory',
      unit: 'MiB',
      summary: summarize([checkpoint.rssMiB]),
      note: `${run.loadedRssMiB.toFixed(0)} MiB right after loading the documents; no forced GC`,
    })
    record.figure({
      group,
      label: 'resident memory ÷ memory with the live data alone',
      unit: '×',
      summary: summarize([checkpoint.rssMiB / run.loadedRssMiB]),
      note: retention,
    })
    record.figure({
      group,
      label: 'document store on disk',
      unit: 'MiB',
      summary: summarize([checkpoint.diskBytes / 2 ** 20]),
      note: `snapshot, log and log segments; live documents ${(checkpoint.liveBytes / 2 ** 20).toFixed(2)} MiB as JSON`,
    })
    record.figure({
      group,
      label: 'disk ÷ live data',
      unit: '×',
      summary: summarize([checkpoint.diskBytes / checkpoint.liveBytes]),
      note: retention,
    })
    record.figure({
      group,
      label: 'single-patch transactions',
      unit: 'mutations/s',
      summary: summarize([checkpoint.mutationsPerSecond]),
      note: `${IN_FLIGHT} in flight, disk store (fsync)`,
    })
  }
  record.figure({
    group: 'writes',
    label: 'single-document creates',
    unit: 'mutations/s',
    summary: summarize(run.createsPerSecond),
    note: `${DOCUMENTS} per batch, ${IN_FLIGHT} in flight, disk store (fsync), after the patches`,
  })
}

export const lakeRetentionBenchmark: Benchmark = {
  id: 'lake-retention',
  title: 'Content lake: memory and disk under 100,000 writes',
  needsBuild: false,
  async run(context) {
    recordGrowth(context.record, await measureLakeGrowth(context.profile, context.log))
  },
}

if (import.meta.main) {
  const profile = process.env.BENCH_QUICK === '1' ? QUICK_PROFILE : FULL_PROFILE
  const record = new Recorder()
  try {
    recordGrowth(
      record,
      await measureLakeGrowth(profile, (line) => process.stderr.write(`[lake-retention bench] ${line}\n`)),
    )
    console.log(
      JSON.stringify({ node: process.version, figures: record.figures, warnings: record.warnings }, null, 2),
    )
  } catch (error) {
    process.stderr.write(
      `lake-retention benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exitCode = 1
  }
}
