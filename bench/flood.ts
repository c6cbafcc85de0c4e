// 9. Readers during a flood (issue #14): a reader's cached article and a page rendered for every request, first
// quiet, then while hostile traffic runs from the same machine (support/hostile-traffic.ts). The goal: both p99s
// stay within 3× of their quiet values. wrk measures the readers from processes of its own, so the Node process
// that sends the hostile mix does not delay the readers' clocks.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import { routes } from '../lib/routes.ts'
import { LOCAL_DATASET } from '../scripts/lib/local-lake.ts'
import type { Benchmark, BenchmarkContext } from './support/benchmark.ts'
import { extractCommentForm } from './support/comment-form.ts'
import {
  measureReaders,
  READER_TIMEOUT_S,
  recordPartAlone,
  recordReaders,
  writeThinkTimeScripts,
  type ReaderPhase,
  type ReaderSetup,
} from './support/flood-readers.ts'
import {
  EXPENSIVE_QUERY,
  HOSTILE_KINDS,
  HOSTILE_STREAMS,
  runHostileTraffic,
  type HostileStream,
  type FloodPlan,
  type HostileReport,
  type HostileTargets,
} from './support/hostile-traffic.ts'
import { createLakeClient } from './support/lake-client.ts'
import { formatNumber } from './support/report.ts'
import {
  BENCH_DATA_ROOT,
  BENCH_SITE_URL,
  SEED_POST_ID,
  SEED_POST_PATH,
  SEED_POST_SLUG,
} from './support/settings.ts'
import { startContentServices, startSite, type ContentServices } from './support/stack.ts'
import { percentile, summarize } from './support/stats.ts'
import { findWrk } from './support/wrk.ts'

const API_VERSION = 'v2025-02-19'
const WARM_UP_REQUESTS = 30
// An approved comment on the seed article, so its reply page renders in full instead of redirecting.
const READER_COMMENT_ID = 'comment.bench-flood-reader'
const REPLY_PAGE_WAIT_MS = 20_000
const LAKE_RECOVERY_WAIT_MS = 30_000
const LAKE_PROBE_QUERY = 'count(*[_type == "post"])'

// Comment senders of one flood are numbered from its index times this, so no two floods share an address.
const SENDERS_PER_FLOOD = 10_000

const planFor = (seconds: number, streams: readonly HostileStream[]): FloodPlan => ({
  seconds,
  streams,
  commentsPerSecond: 20,
  oddCommentEvery: 5,
  // Twice Next's default server action body limit (1 MB).
  oversizeCommentBytes: 2_000_000,
  queriesAtOnce: 4,
  transformsPerSecond: 4,
  // Open loop, as an attacker does not wait for answers: only the 10 s give-up bounds what waits at once.
  maxInFlight: 200,
  requestTimeoutMs: 10_000,
})

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'gzip' }, redirect: 'manual' })
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
  return response
}

async function createReaderComment(services: ContentServices): Promise<void> {
  const editor = createLakeClient(services.lake.url, services.lake.tokens.editor)
  await editor.createOrReplace({
    _id: READER_COMMENT_ID,
    _type: 'comment',
    post: { _type: 'reference', _ref: SEED_POST_ID },
    name: 'Quiet Reader',
    email: 'quiet-reader@bench.example',
    body: 'A comment a reader may answer: its reply page is what the flood benchmark reads.',
    status: 'approved',
    createdAt: new Date().toISOString(),
    ipHash: 'bench',
    userAgent: 'bench',
    checksFired: [],
    auditTrail: [],
  })
}

/** The reply page shows the comment once the lake's webhook has revalidated the post's comments. */
async function waitForReplyPage(url: string): Promise<void> {
  const deadline = performance.now() + REPLY_PAGE_WAIT_MS
  let status = 0
  while (performance.now() < deadline) {
    const response = await fetch(url, { redirect: 'manual' })
    await response.arrayBuffer()
    status = response.status
    if (status === 200) return
    await sleep(100)
  }
  throw new Error(`the reply page ${url} still answered ${status} after ${REPLY_PAGE_WAIT_MS / 1000} s`)
}

/** The seed article's cover on the lake, addressed on the lake's own loopback URL. */
async function findCoverImageUrl(services: ContentServices): Promise<string> {
  const editor = createLakeClient(services.lake.url, services.lake.tokens.editor)
  const url = z
    .url()
    .parse(await editor.fetch('*[_id == $id][0].coverImage.asset->url', { id: SEED_POST_ID }))
  return `${services.lake.url}${new URL(url).pathname}`
}

async function describeCaching(url: string): Promise<string> {
  const response = await fetchOk(url)
  await response.arrayBuffer()
  const nextCache = response.headers.get('x-nextjs-cache')
  return `Cache-Control: ${response.headers.get('cache-control') ?? '(none)'}${nextCache === null ? '' : `, x-nextjs-cache: ${nextCache}`}`
}

/** Milliseconds until the lake answers a small query again (each try bounded to 1 s), or `null` if it did not. */
async function waitForLake(queryUrl: string): Promise<number | null> {
  const started = performance.now()
  const url = `${queryUrl}?query=${encodeURIComponent(LAKE_PROBE_QUERY)}`
  while (performance.now() - started < LAKE_RECOVERY_WAIT_MS) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) })
      await response.arrayBuffer()
      if (response.ok) return performance.now() - started
    } catch {
      // Timed out or refused: the lake is still busy, try again.
    }
    await sleep(250)
  }
  return null
}

function recordHostile(context: BenchmarkContext, reports: HostileReport[], recoveries: (number | null)[]) {
  const group = `hostile traffic · per flood of ${context.profile.floodSeconds} s`
  for (const kind of HOSTILE_KINDS) {
    const answers = new Map<string, number>()
    for (const report of reports)
      for (const [answer, n] of report[kind].answers) answers.set(answer, (answers.get(answer) ?? 0) + n)
    const answerMs = reports.flatMap((report) => report[kind].answerMs)
    const latency =
      answerMs.length === 0
        ? ''
        : ` · answered in p50 ${formatNumber(percentile(answerMs, 0.5))} ms, p99 ${formatNumber(percentile(answerMs, 0.99))} ms`
    context.record.figure({
      group,
      label: `${kind} · sent`,
      unit: 'requests',
      summary: summarize(reports.map((report) => report[kind].sent)),
      note:
        [...answers.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([answer, n]) => `${answer} ×${n}`)
          .join(', ') + latency,
    })
  }
  const waited = recoveries.filter((ms) => ms !== null)
  context.record.figure({
    group,
    label: 'the lake answers a small query again, after the flood',
    unit: 'ms',
    summary: summarize(waited),
    note:
      waited.length < recoveries.length
        ? `${recoveries.length - waited.length} of ${recoveries.length} floods: not within ${LAKE_RECOVERY_WAIT_MS / 1000} s`
        : 'answers and their times above: over all floods together',
  })
}

type Prepared = { readers: ReaderSetup; targets: HostileTargets; caching: string }

/** The reply page made real, both pages warmed up, the hostile targets found: all before anything is measured. */
async function prepare(services: ContentServices, scriptDir: string): Promise<Prepared> {
  const urls = {
    article: `${BENCH_SITE_URL}${SEED_POST_PATH}`,
    uncached: `${BENCH_SITE_URL}${routes.postReply(SEED_POST_SLUG, READER_COMMENT_ID)}`,
  }
  await createReaderComment(services)
  await waitForReplyPage(urls.uncached)
  for (const url of Object.values(urls))
    for (let i = 0; i < WARM_UP_REQUESTS; i++) await (await fetchOk(url)).arrayBuffer()
  return {
    readers: { urls, scripts: await writeThinkTimeScripts(scriptDir) },
    targets: {
      siteUrl: BENCH_SITE_URL,
      form: extractCommentForm(await (await fetchOk(urls.article)).text()),
      queryUrl: `${services.lake.url}/${API_VERSION}/data/query/${LOCAL_DATASET}`,
      imageUrl: await findCoverImageUrl(services),
    },
    caching: `article: ${await describeCaching(urls.article)}; reply page: ${await describeCaching(urls.uncached)}`,
  }
}

function recordConfiguration(context: BenchmarkContext, plan: FloodPlan, caching: string): void {
  const { repetitions, floodSeconds: seconds } = context.profile
  context.record.note(
    `Quiet first (${repetitions} × ${seconds} s), then ${repetitions} floods of ${seconds} s, then one flood of ` +
      `each part of the mix alone. Both reader groups run at once in every phase, each a wrk process (1 thread, ` +
      `gzip, think time through a Lua delay(), --timeout ${READER_TIMEOUT_S}s). Ratios: each flood run ÷ the ` +
      `quiet median. As served: ${caching}. The uncached page is a reply form (/posts/…/reply/<comment>): it ` +
      'calls connection(), so Next renders it for every request with a fresh form token, as a reader without ' +
      'JavaScript gets it; its content comes from the data cache, which each new comment on the post revalidates.',
  )
  context.record.note(
    `Hostile mix per flood, from the benchmark's Node process: ${plan.commentsPerSecond} no-JS comment posts/s, ` +
      `each from a new X-Forwarded-For address in 198.18.0.0/15 (1 in ${plan.oddCommentEvery} to a post that ` +
      `does not exist, 1 in ${plan.oddCommentEvery} with a ${formatNumber(plan.oversizeCommentBytes / 1e6)} MB ` +
      `body); ${plan.queriesAtOnce} anonymous \`${EXPENSIVE_QUERY}\` at a time against the lake; ` +
      `${plan.transformsPerSecond} image transforms/s of the article's cover at w=h=8192−n (fit=scale, every ` +
      `other one fm=avif), each a new variant. At most ${plan.maxInFlight} posts and ${plan.maxInFlight} ` +
      `transforms wait at once; every request gives up after ${plan.requestTimeoutMs / 1000} s. Comment ` +
      'limits are the defaults. Everything on 127.0.0.1, on the same 2 cores as the site, the lake and wrk.',
  )
}

export const floodBenchmark: Benchmark = {
  id: 'flood',
  title: 'Readers during a flood of hostile traffic',
  needsBuild: true,
  async run(context) {
    if (findWrk() === null) {
      context.record.markUnavailable('wrk is not installed (apt-get install wrk)')
      return
    }
    const { floodSeconds: seconds, repetitions } = context.profile
    const plan = planFor(seconds, HOSTILE_STREAMS)
    const scriptDir = await mkdtemp(join(tmpdir(), 'bench-flood-'))
    const services = await startContentServices(join(BENCH_DATA_ROOT, 'flood'))
    try {
      const site = await startSite(services)
      try {
        const { readers, targets, caching } = await prepare(services, scriptDir)
        const quiet: ReaderPhase[] = []
        for (let repetition = 1; repetition <= repetitions; repetition++) {
          context.log(`quiet ${repetition}/${repetitions}: ${seconds} s`)
          quiet.push(await measureReaders(readers, seconds))
        }
        const flood: ReaderPhase[] = []
        const reports: HostileReport[] = []
        const recoveries: (number | null)[] = []
        for (let repetition = 1; repetition <= repetitions; repetition++) {
          context.log(`flood ${repetition}/${repetitions}: ${seconds} s`)
          const [phase, report] = await Promise.all([
            measureReaders(readers, seconds),
            runHostileTraffic(targets, plan, repetition * SENDERS_PER_FLOOD),
          ])
          flood.push(phase)
          reports.push(report)
          recoveries.push(await waitForLake(targets.queryUrl))
        }
        recordReaders(context, quiet, flood)
        recordHostile(context, reports, recoveries)
        recordConfiguration(context, plan, caching)

        for (const [index, stream] of HOSTILE_STREAMS.entries()) {
          context.log(`${stream} alone: ${seconds} s`)
          const [phase] = await Promise.all([
            measureReaders(readers, seconds),
            runHostileTraffic(
              targets,
              planFor(seconds, [stream]),
              (repetitions + 1 + index) * SENDERS_PER_FLOOD,
            ),
          ])
          await waitForLake(targets.queryUrl)
          recordPartAlone(context, stream, quiet, phase)
        }
      } finally {
        await site.stop()
      }
    } finally {
      await services.stop()
      await rm(scriptDir, { recursive: true, force: true })
    }
  },
}
