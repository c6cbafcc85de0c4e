// 8. The production-shaped stack (`npm run start:stack`): the cached article through the nginx front against nginx
// serving the very same bytes as a static file, one and two `next start` instances, publish → visible through the
// front, and comments per second through both instances. wrk drives every HTTP load: it runs in its own process and
// outruns nginx here, so nginx's own ceiling is in the report.
import { gzipSync } from 'node:zlib'
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import {
  listMail,
  openCommentForm,
  SEED_POST,
  startTestStack,
  submitCommentForm,
  type TestStack,
} from '../tests/support/stack.ts'
import { MODERATION_SETTINGS_ID } from '../lib/content/limits.ts'
import type { Benchmark, BenchmarkContext } from './support/benchmark.ts'
import { findNginx, startStaticServer } from './support/nginx.ts'
import { formatNumber } from './support/report.ts'
import { BENCH_NGINX_PORT } from './support/settings.ts'
import { percentile, summarize } from './support/stats.ts'
import { findWrk, runWrk, type WrkFigures } from './support/wrk.ts'

const CONNECTIONS = 50
const PUBLISH_RUNS = 20
const COMMENT_CLIENTS = 10
const WATER_POST = { id: 'post-how-much-water', path: '/posts/how-much-water-do-you-really-need' }

type Runs = { label: string; runs: WrkFigures[] }

async function fetchBytes(url: string, encoding: 'gzip' | 'identity'): Promise<Buffer> {
  const response = await fetch(url, { headers: { 'accept-encoding': encoding } })
  return Buffer.from(await response.arrayBuffer())
}

function recordRuns(context: BenchmarkContext, group: string, { label, runs }: Runs, note?: string): void {
  const failed = runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0)
  context.record.figure({
    group,
    label: `${label} · requests/s`,
    unit: 'req/s',
    summary: summarize(runs.map((run) => run.requestsPerSecond)),
    note: failed > 0 ? `${failed} failed or non-2xx responses` : note,
  })
  context.record.figure({
    group,
    label: `${label} · p99`,
    unit: 'ms',
    summary: summarize(runs.map((run) => run.p99Ms)),
  })
}

/** The front against nginx serving the same bytes, both one worker, paired per repetition. */
async function measureFront(context: BenchmarkContext, stack: TestStack): Promise<void> {
  const articleUrl = `${stack.frontUrl}${SEED_POST.path}`
  const html = (await fetchBytes(articleUrl, 'identity')).toString()
  const gzipped = gzipSync(html, { level: 6 })
  const nginx = await startStaticServer({
    html,
    fileName: 'article.html',
    port: BENCH_NGINX_PORT,
    gzip: true,
    precompressed: gzipped,
  })
  try {
    for (const gzip of [false, true]) {
      const group = `cached article · ${CONNECTIONS} connections · ${gzip ? 'gzip' : 'uncompressed'} · wrk -t1`
      const front: Runs = { label: 'front (nginx micro-cache, 1 worker) · article', runs: [] }
      const reference: Runs = { label: 'nginx · same bytes as a static file, 1 worker', runs: [] }
      for (let repetition = 0; repetition < context.profile.repetitions; repetition++) {
        const seconds = context.profile.loadSeconds
        reference.runs.push(await runWrk({ url: nginx.url, connections: CONNECTIONS, seconds, gzip }))
        front.runs.push(await runWrk({ url: articleUrl, connections: CONNECTIONS, seconds, gzip }))
      }
      recordRuns(context, group, reference, 'the ceiling: what nginx serves of these bytes here')
      recordRuns(context, group, front)
      const ratios = front.runs.flatMap((run, index) => {
        const base = reference.runs[index]?.requestsPerSecond
        return base === undefined || base === 0 ? [] : [run.requestsPerSecond / base]
      })
      context.record.figure({
        group,
        label: 'ratio · front req/s ÷ static nginx req/s',
        unit: '×',
        summary: summarize(ratios),
        goal: { text: '≥ 0.8×', met: (summarize(ratios)?.median ?? 0) >= 0.8 },
      })
    }
  } finally {
    await nginx.stop()
  }
}

/** `next start` alone: one instance, then both at once (two wrk processes, one per instance). */
async function measureInstances(context: BenchmarkContext, stack: TestStack): Promise<void> {
  const group = `article straight from next start · 10 connections per instance · gzip`
  const seconds = context.profile.loadSeconds
  const one: Runs = { label: 'one instance', runs: [] }
  const both: Runs = { label: 'two instances, summed', runs: [] }
  for (let repetition = 0; repetition < context.profile.repetitions; repetition++) {
    one.runs.push(
      await runWrk({ url: `${stack.siteUrls[0]}${SEED_POST.path}`, connections: 10, seconds, gzip: true }),
    )
    const pair = await Promise.all(
      stack.siteUrls.map((url) =>
        runWrk({ url: `${url}${SEED_POST.path}`, connections: 10, seconds, gzip: true }),
      ),
    )
    both.runs.push({
      requestsPerSecond: pair.reduce((sum, run) => sum + run.requestsPerSecond, 0),
      p50Ms: Math.max(...pair.map((run) => run.p50Ms)),
      p99Ms: Math.max(...pair.map((run) => run.p99Ms)),
      non2xx: pair.reduce((sum, run) => sum + run.non2xx, 0),
      errors: pair.reduce((sum, run) => sum + run.errors, 0),
    })
  }
  recordRuns(context, group, one)
  recordRuns(context, group, both, "both share the same 2 cores, so this is the machine's limit, not 2×")
}

async function measurePublish(context: BenchmarkContext, stack: TestStack): Promise<void> {
  const timings: number[] = []
  for (let run = 0; run < PUBLISH_RUNS; run++) {
    const title = `Hydration, bench ${randomUUID().slice(0, 8)}`
    const started = performance.now()
    await stack.editor.patch(WATER_POST.id).set({ title }).commit()
    for (const deadline = started + 10_000; performance.now() < deadline;) {
      const html = await (await fetch(`${stack.frontUrl}${WATER_POST.path}`)).text()
      if (html.includes(title)) {
        timings.push(performance.now() - started)
        break
      }
      await new Promise((done) => setTimeout(done, 20))
    }
    // Readers keep the page cached between publishes, as on a live site.
    await new Promise((done) => setTimeout(done, 300 + Math.random() * 700))
  }
  const summary = summarize(timings)
  context.record.figure({
    group: 'publish → visible through the front',
    label: `lake mutation → new title in the front's answer (${PUBLISH_RUNS} runs, polled every 20 ms)`,
    unit: 'ms',
    summary,
    goal: { text: 'median < 1,500 ms', met: summary === null ? null : summary.median < 1_500 },
    note:
      timings.length < PUBLISH_RUNS
        ? `${PUBLISH_RUNS - timings.length} runs never showed it within 10 s`
        : undefined,
  })
}

async function measureComments(context: BenchmarkContext, stack: TestStack): Promise<void> {
  await stack.editor
    .patch(MODERATION_SETTINGS_ID)
    .set({
      'commentPolicy.rateLimitPerMinute': 1e6,
      'commentPolicy.rateLimitPerHour': 1e6,
      'commentPolicy.rateLimitSitePerMinute': 1e6,
    })
    .commit()
  const run = randomUUID().slice(0, 8)
  const accepted: string[] = []
  const latencies: number[] = []
  let other = 0
  // Each client is a reader with the article open on one of the instances, posting one comment after another.
  const forms = await Promise.all(
    Array.from({ length: COMMENT_CLIENTS }, (_, client) =>
      openCommentForm(stack.siteUrls[client % 2] ?? '', { 'x-forwarded-for': `198.18.0.${client + 1}` }),
    ),
  )
  await new Promise((done) => setTimeout(done, 3_500))
  const started = performance.now()
  const deadline = started + context.profile.commentSeconds * 1000
  await Promise.all(
    forms.map(async (form, client) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const marker = `bench-${run}-${client}-${n}`
        const sent = performance.now()
        const answer = await submitCommentForm(form, marker).catch(() => ({
          kind: 'other' as const,
          message: 'request failed',
        }))
        latencies.push(performance.now() - sent)
        if (answer.kind === 'accepted') accepted.push(marker)
        else other++
      }
    }),
  )
  const elapsedS = (performance.now() - started) / 1000
  const stored = await stack.editor.fetch<number>('count(*[_type == "comment" && email in $emails])', {
    emails: accepted.map((marker) => `${marker}@stack.example`),
  })
  let mailed = 0
  for (const mailDeadline = performance.now() + 60_000; performance.now() < mailDeadline;) {
    const mail = await listMail(stack.inboxUrl)
    mailed = accepted.filter((marker) => mail.some((message) => message.text.includes(marker))).length
    if (mailed === accepted.length) break
    await new Promise((done) => setTimeout(done, 500))
  }
  const group = `comments through both instances · ${COMMENT_CLIENTS} clients · no-JS form posts`
  context.record.figure({
    group,
    label: 'accepted comments/s',
    unit: '/s',
    summary: summarize([accepted.length / elapsedS]),
  })
  context.record.figure({
    group,
    label: 'post → answer p50',
    unit: 'ms',
    summary: summarize([percentile(latencies, 0.5)]),
  })
  context.record.figure({
    group,
    label: 'post → answer p99',
    unit: 'ms',
    summary: summarize([percentile(latencies, 0.99)]),
  })
  context.record.note(
    `Comments: ${accepted.length} accepted, ${stored} stored, ${mailed} mailed to the moderator, ${other} refused or failed, ` +
      `in ${formatNumber(elapsedS)} s.`,
  )
  if (stored !== accepted.length || mailed !== accepted.length)
    context.record.warn(`comments: ${accepted.length} accepted but ${stored} stored and ${mailed} mailed`)
}

export const stackBenchmark: Benchmark = {
  id: 'stack',
  title: 'Production-shaped stack: front vs nginx, instances, publish, comments',
  needsBuild: false,
  async run(context) {
    if (findNginx() === null || findWrk() === null) {
      context.record.note(
        'nginx or wrk is not installed (apt-get install nginx-light wrk): nothing measured.',
      )
      return
    }
    context.log('starting npm run start:stack (builds .next-stack when its sources changed)')
    const stack = await startTestStack({ webhooks: 'front', frontWorkers: 1 })
    try {
      // Fill every cache once, so the load measures what readers get.
      for (let i = 0; i < 20; i++)
        await fetchBytes(`${stack.frontUrl}${SEED_POST.path}`, i % 2 === 0 ? 'gzip' : 'identity')
      context.log('front vs static nginx')
      await measureFront(context, stack)
      context.log('next start instances')
      await measureInstances(context, stack)
      context.log('publish → front')
      await measurePublish(context, stack)
      context.log('comments through both instances')
      await measureComments(context, stack)
      context.record.note(
        'Load generator: wrk 1 thread (Debian package) in its own process; the front and the static nginx both run one ' +
          'worker, so each side has one of the two cores and wrk the other. The front caches pages for 1 s and ' +
          'refreshes changed pages after a publish (CACHE_FRONT_URL). Everything runs on this one machine.',
      )
    } finally {
      await stack.stop()
    }
  },
}
