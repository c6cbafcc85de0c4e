// 6. The content lake on its own: article-query and full-scan latency as the dataset grows (1k, 10k, 100k
// documents), single-document mutations per second, the lake process's resident memory per 10k documents, and
// /v1/ping while hostile queries run (bench/lake-hostile.ts).
// `node bench/lake.ts` prints the figures as JSON; `npm run bench` puts them in the report.
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { SanityClient } from '@sanity/client'
import { stopChild } from '../scripts/lib/child.ts'
import { startLocalLake } from '../scripts/lib/local-lake.ts'
import {
  CONCURRENT_QUERIES,
  ISSUE_QUERY,
  measureHostileQueries,
  pingPercentile,
  SUSTAINED_QUERY,
  type HostileRun,
} from './lake-hostile.ts'
import type { Benchmark } from './support/benchmark.ts'
import { createLakeClient } from './support/lake-client.ts'
import { Recorder } from './support/results.ts'
import { track } from './support/running.ts'
import {
  BENCH_DATA_ROOT,
  BENCH_HOST,
  BENCH_LAKE_PORT,
  FULL_PROFILE,
  QUICK_PROFILE,
  type BenchProfile,
} from './support/settings.ts'
import { percentile, summarize } from './support/stats.ts'

const ARTICLE_QUERY = '*[_type == "post" && slug.current == $slug][0]{..., author->}'
// Nothing narrows a filter on `title`: every document is visited, each through the query budget's checks.
const SCAN_QUERY = '*[title == $title][0]{_id, title}'
const PING_P99_GOAL_MS = 50
const QUERIES_PER_BATCH = 200
// A batch of queries on a large dataset stops after this long; its percentiles then rest on fewer samples.
const QUERY_BATCH_BUDGET_MS = 8_000
const MUTATIONS_PER_BATCH = 1_000
const MUTATION_CONCURRENCY = 32
const DOCUMENTS_PER_TRANSACTION = 500
const AUTHOR_EVERY = 20

type QueryTimings = { p50: number; p99: number; n: number }

type LakeRun = {
  /** Documents loaded at each measured size; lower than asked when the loading budget ran out. */
  sizes: {
    asked: number
    reached: number
    seedMs: number
    rssMiB: number
    queries: QueryTimings[]
    scans: QueryTimings[]
  }[]
  baselineRssMiB: number
  mutationsPerSecond: number[]
  /** Measured last, at the largest size, since a lake without query budgets does not recover from it. */
  hostile: { docs: number; run: HostileRun } | null
}

function readRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN)
  return kib / 1024
}

/** Loads posts (every 20th document an author) from `from` up to `to`, or until `deadline`; returns how far it got. */
async function seed(client: SanityClient, from: number, to: number, deadline: number): Promise<number> {
  let start = from
  for (; start < to && performance.now() < deadline; start += DOCUMENTS_PER_TRANSACTION) {
    const tx = client.transaction()
    for (let i = start; i < Math.min(to, start + DOCUMENTS_PER_TRANSACTION); i++) {
      if (i % AUTHOR_EVERY === 0)
        tx.createOrReplace({ _id: `author-${i}`, _type: 'author', name: `Author ${i}` })
      else
        tx.createOrReplace({
          _id: `post-${i}`,
          _type: 'post',
          title: `Post ${i}`,
          slug: { _type: 'slug', current: `post-${i}` },
          body: [
            {
              _type: 'block',
              _key: 'a',
              children: [{ _type: 'span', _key: 'b', text: 'Lorem ipsum '.repeat(20) }],
            },
          ],
          author: { _type: 'reference', _ref: `author-${i - (i % AUTHOR_EVERY)}` },
        })
    }
    await tx.commit({ returnDocuments: false, visibility: 'async' })
  }
  return Math.min(start, to)
}

async function measureQueries(client: SanityClient, docs: number, query: string): Promise<QueryTimings> {
  const timings: number[] = []
  const deadline = performance.now() + QUERY_BATCH_BUDGET_MS
  for (let run = 0; run < QUERIES_PER_BATCH && performance.now() < deadline; run++) {
    let i = Math.floor(Math.random() * docs)
    if (i % AUTHOR_EVERY === 0) i++
    const started = performance.now()
    await client.fetch(query, { slug: `post-${i}`, title: `Post ${i}` })
    timings.push(performance.now() - started)
  }
  return { p50: percentile(timings, 0.5), p99: percentile(timings, 0.99), n: timings.length }
}

async function measureMutations(client: SanityClient, batch: number): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: MUTATION_CONCURRENCY }, async () => {
      while (next < MUTATIONS_PER_BATCH) {
        const n = next++
        await client.create({ _id: `bench-${batch}-${n}`, _type: 'benchDoc', n }, { returnDocuments: false })
      }
    }),
  )
  return MUTATIONS_PER_BATCH / ((performance.now() - started) / 1000)
}

/** Runs the lake as `npm start` does (its own process, disk storage), so memory is the lake's alone. */
export async function measureLake(profile: BenchProfile, log: (line: string) => void): Promise<LakeRun> {
  const dataDir = join(BENCH_DATA_ROOT, 'lake')
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  const lake = await startLocalLake({ dataDir, host: BENCH_HOST, port: BENCH_LAKE_PORT, webhooks: [] })
  const running = track({ name: 'lake (lake benchmark)', stop: () => stopChild(lake.child) })
  try {
    const pid = lake.child.process.pid
    if (pid === undefined) throw new Error('the lake process has no pid')
    const client = createLakeClient(lake.url, lake.tokens.editor)
    const run: LakeRun = {
      sizes: [],
      baselineRssMiB: readRssMiB(pid),
      mutationsPerSecond: [],
      hostile: null,
    }
    let loaded = 0
    for (const asked of profile.lakeSizes) {
      const started = performance.now()
      loaded = await seed(client, loaded, asked, started + profile.lakeSeedBudgetMs)
      const seedMs = performance.now() - started
      log(`${loaded} of ${asked} documents loaded in ${Math.round(seedMs)} ms`)
      const queries = []
      const scans = []
      for (let batch = 0; batch < profile.repetitions; batch++) {
        queries.push(await measureQueries(client, loaded, ARTICLE_QUERY))
        scans.push(await measureQueries(client, loaded, SCAN_QUERY))
      }
      run.sizes.push({ asked, reached: loaded, seedMs, rssMiB: readRssMiB(pid), queries, scans })
      if (loaded < asked) break
    }
    for (let batch = 0; batch < profile.repetitions; batch++) {
      run.mutationsPerSecond.push(await measureMutations(client, batch))
    }
    log(`hostile queries against ${loaded} documents`)
    run.hostile = { docs: loaded, run: await measureHostileQueries(lake.url, client) }
    return run
  } finally {
    await running.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function recordTimings(
  record: Recorder,
  group: string,
  label: string,
  query: string,
  batches: readonly QueryTimings[],
): void {
  const n = batches.reduce((sum, batch) => sum + batch.n, 0)
  const note = `${batches.length} batch(es), ${n} queries; \`${query}\``
  for (const p of ['p50', 'p99'] as const)
    record.figure({
      group,
      label: `${label} · ${p}`,
      unit: 'ms',
      summary: summarize(batches.map((q) => q[p])),
      note,
    })
}

function recordHostile(record: Recorder, docs: number, run: HostileRun): void {
  const group = `hostile anonymous queries · ${docs.toLocaleString('en')} documents`
  record.figure({
    group,
    label: 'issue #14 query · answered after',
    unit: 'ms',
    summary: summarize([run.issueQuery.answeredMs]),
    note: `${run.issueQuery.outcome}; \`${ISSUE_QUERY}\``,
  })
  record.figure({
    group,
    label: `${CONCURRENT_QUERIES} nested queries at once · answered after`,
    unit: 'ms',
    summary: summarize(run.sustained.answeredMs),
    note: `${run.sustained.outcomes.join(', ')}; \`${SUSTAINED_QUERY}\``,
  })
  const note = `${run.sustained.pings.length} pings one after another while the ${CONCURRENT_QUERIES} queries ran`
  record.figure({
    group,
    label: '/v1/ping meanwhile · p50',
    unit: 'ms',
    summary: summarize([pingPercentile(run, 0.5)]),
    note,
  })
  const p99 = pingPercentile(run, 0.99)
  record.figure({
    group,
    label: '/v1/ping meanwhile · p99',
    unit: 'ms',
    summary: summarize([p99]),
    goal: { text: `< ${PING_P99_GOAL_MS} ms`, met: p99 < PING_P99_GOAL_MS },
    note,
  })
}

function recordLake(record: Recorder, run: LakeRun): void {
  for (const size of run.sizes) {
    const group = `${size.reached.toLocaleString('en')} documents${size.reached < size.asked ? ` (of ${size.asked.toLocaleString('en')} asked: loading budget ran out)` : ''}`
    recordTimings(record, group, 'article query', ARTICLE_QUERY, size.queries)
    recordTimings(record, group, 'full-scan query', SCAN_QUERY, size.scans)
    record.figure({
      group,
      label: 'loading these documents',
      unit: 's',
      summary: summarize([size.seedMs / 1000]),
      note: `${DOCUMENTS_PER_TRANSACTION} per transaction`,
    })
    record.figure({
      group,
      label: 'lake process resident memory',
      unit: 'MiB',
      summary: summarize([size.rssMiB]),
      note: `${run.baselineRssMiB.toFixed(0)} MiB before loading`,
    })
    if (size.reached < size.asked)
      record.warn(`the lake loaded only ${size.reached} of ${size.asked} documents within the loading budget`)
  }
  const largest = run.sizes.at(-1)
  if (largest !== undefined && largest.reached > 0) {
    record.figure({
      group: 'memory and writes',
      label: 'resident memory per 10k documents',
      unit: 'MiB',
      summary: summarize([((largest.rssMiB - run.baselineRssMiB) / largest.reached) * 10_000]),
      note: `(RSS at ${largest.reached.toLocaleString('en')} − RSS before loading) scaled to 10k; no forced GC`,
    })
  }
  record.figure({
    group: 'memory and writes',
    label: 'single-document creates',
    unit: 'mutations/s',
    summary: summarize(run.mutationsPerSecond),
    note: `${MUTATIONS_PER_BATCH} per batch, ${MUTATION_CONCURRENCY} in flight, disk store (fsync)`,
  })
  if (run.hostile) recordHostile(record, run.hostile.docs, run.hostile.run)
}

export const lakeBenchmark: Benchmark = {
  id: 'lake',
  title: 'Content lake: queries, mutations, memory',
  needsBuild: false,
  async run(context) {
    recordLake(context.record, await measureLake(context.profile, context.log))
  },
}

if (import.meta.main) {
  const profile = process.env.BENCH_QUICK === '1' ? QUICK_PROFILE : FULL_PROFILE
  const record = new Recorder()
  try {
    recordLake(record, await measureLake(profile, (line) => process.stderr.write(`[lake bench] ${line}\n`)))
    console.log(
      JSON.stringify({ node: process.version, figures: record.figures, warnings: record.warnings }, null, 2),
    )
  } catch (error) {
    process.stderr.write(`lake benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
}
