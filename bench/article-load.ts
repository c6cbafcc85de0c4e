// 1. The seed article under load from `next start`, side by side with nginx serving the very same HTML bytes
// as a static file, and with the prerendered home page; then a short `node --cpu-prof` run to see where
// `next start` spends its time on the article.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Benchmark, BenchmarkContext } from './support/benchmark.ts'
import { summarizeCpuProfile, type CpuProfileSummary } from './support/cpu-profile.ts'
import { runLoad, type LoadFigures } from './support/load.ts'
import { findNginx, startStaticServer, type StaticServer } from './support/nginx.ts'
import { formatNumber } from './support/report.ts'
import { BENCH_DATA_ROOT, BENCH_NGINX_PORT, BENCH_SITE_URL, SEED_POST_PATH } from './support/settings.ts'
import { startContentServices, startSite, type ContentServices } from './support/stack.ts'
import { summarize } from './support/stats.ts'

const CONNECTION_LEVELS = [10, 50] as const
const ENCODINGS = [false, true] as const
const WARM_UP_REQUESTS = 30
const TARGETS = ['article', 'nginx', 'home'] as const
type Target = (typeof TARGETS)[number]
// The prerendered home page is context, not the comparison: measured only as browsers ask for it (gzip),
// which keeps the full run within its time budget.
const targetsFor = (gzip: boolean): readonly Target[] => (gzip ? TARGETS : ['article', 'nginx'])

const TARGET_LABEL: Record<Target, string> = {
  article: 'next start · article',
  nginx: 'nginx · same article HTML, static file',
  home: 'next start · home / (prerendered)',
}

type Sample = { target: Target; connections: number; gzip: boolean; figures: LoadFigures }

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return response.text()
}

/**
 * Whether the article came from Next's full-route cache or was rendered for the request, from its headers: the
 * answer has changed as the page was reworked, so the report states what was measured rather than assuming it.
 */
async function describeCaching(url: string): Promise<string> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
  await response.arrayBuffer()
  const cacheControl = response.headers.get('cache-control') ?? '(none)'
  const nextCache = response.headers.get('x-nextjs-cache')
  const fromCache = nextCache === 'HIT' || nextCache === 'STALE' || /s-maxage/.test(cacheControl)
  return (
    `${fromCache ? 'from the full-route cache (prerendered)' : 'rendered on every request'} ` +
    `(Cache-Control: ${cacheControl}${nextCache === null ? '' : `; x-nextjs-cache: ${nextCache}`})`
  )
}

/** First requests compile nothing in production, but fill caches and JIT: keep them out of the figures. */
async function warmUp(urls: string[]): Promise<void> {
  for (const url of urls) for (let i = 0; i < WARM_UP_REQUESTS; i++) await fetchText(url)
}

function recordSamples(context: BenchmarkContext, samples: Sample[], nginxMissing: boolean): void {
  for (const connections of CONNECTION_LEVELS) {
    for (const gzip of ENCODINGS) {
      const group = `${connections} connections · ${gzip ? 'Accept-Encoding: gzip' : 'uncompressed'}`
      const matching = (target: Target): LoadFigures[] =>
        samples
          .filter((s) => s.target === target && s.connections === connections && s.gzip === gzip)
          .map((s) => s.figures)
      for (const target of targetsFor(gzip)) {
        const runs = matching(target)
        const unavailable = target === 'nginx' && nginxMissing ? 'nginx not installed' : undefined
        const bytes = summarize(runs.map((run) => run.bytesPerResponse))
        const failures = runs.reduce((sum, run) => sum + run.failures, 0)
        const note =
          unavailable ??
          `${bytes === null ? '?' : formatNumber(bytes.median / 1000)} kB/response${failures > 0 ? `, ${failures} failed requests` : ''}`
        const label = TARGET_LABEL[target]
        const base = { group, note }
        context.record.figure({
          ...base,
          label: `${label} · requests/s`,
          unit: 'req/s',
          summary: summarize(runs.map((r) => r.requestsPerSecond)),
        })
        context.record.figure({
          ...base,
          label: `${label} · p50`,
          unit: 'ms',
          summary: summarize(runs.map((r) => r.p50Ms)),
        })
        context.record.figure({
          ...base,
          label: `${label} · p99`,
          unit: 'ms',
          summary: summarize(runs.map((r) => r.p99Ms)),
        })
        if (failures > 0) context.record.warn(`${group}: ${label} had ${failures} failed requests`)
      }
      // Ratios pair the runs of one repetition: they ran seconds apart, under the same background load.
      const nginxRuns = matching('nginx')
      const ratios = matching('article').flatMap((article, index) => {
        const reference = nginxRuns[index]
        return reference === undefined || article.requestsPerSecond === 0
          ? []
          : [reference.requestsPerSecond / article.requestsPerSecond]
      })
      context.record.figure({
        group,
        label: 'ratio · nginx req/s ÷ next start article req/s',
        unit: '×',
        summary: summarize(ratios),
        note: nginxMissing ? 'nginx not installed' : 'how many times more requests nginx serves',
      })
    }
  }
}

async function measureUnderLoad(context: BenchmarkContext, nginx: StaticServer | null): Promise<Sample[]> {
  const { profile } = context
  const urls: Record<Target, string | null> = {
    article: `${BENCH_SITE_URL}${SEED_POST_PATH}`,
    nginx: nginx?.url ?? null,
    home: `${BENCH_SITE_URL}/`,
  }
  const samples: Sample[] = []
  for (let repetition = 1; repetition <= profile.repetitions; repetition++) {
    for (const connections of CONNECTION_LEVELS) {
      for (const gzip of ENCODINGS) {
        for (const target of targetsFor(gzip)) {
          const url = urls[target]
          if (url === null) continue
          context.log(
            `run ${repetition}/${profile.repetitions}: ${target}, ${connections} connections, gzip ${gzip}`,
          )
          const figures = await runLoad({ url, connections, seconds: profile.loadSeconds, gzip })
          samples.push({ target, connections, gzip, figures })
        }
      }
    }
  }
  return samples
}

// Coarse buckets for the one-line summary; the table below keeps the detail.
const AREA_BUCKETS: [string, (area: string) => boolean][] = [
  ['React rendering', (area) => area.startsWith('react')],
  ['Next runtime', (area) => area === 'next' || area.endsWith('(bundled in next)')],
  ['Sanity client and its HTTP/JSON (get-it, rxjs)', (area) => /^(@sanity\/|get-it$|rxjs$)/.test(area)],
  ['our code (lib/, app/)', (area) => /^(lib|app)(\/|$)/.test(area)],
  ['Node internals (HTTP, streams, crypto)', (area) => area === 'node internals'],
  ['garbage collection', (area) => area === '(garbage collector)'],
]

function summarizeAreas(summary: CpuProfileSummary): string {
  const totals = new Map<string, number>()
  for (const { area, ms } of summary.areas) {
    const bucket = AREA_BUCKETS.find(([, matches]) => matches(area))?.[0] ?? 'other'
    totals.set(bucket, (totals.get(bucket) ?? 0) + ms)
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([bucket, ms]) => `${bucket} ${formatNumber((ms / summary.busyMs) * 100)} %`)
    .join(', ')
}

function renderProfile(summary: CpuProfileSummary, seconds: number): string[] {
  const pct = (share: number): string => `${formatNumber(share * 100)} %`
  return [
    `\`node --cpu-prof\` on \`next start\` while autocannon sent the article for ${seconds} s at 10 connections ` +
      `(uncompressed); start-up and warm-up samples left out. ${formatNumber(summary.profiledMs)} ms of samples, ` +
      `${formatNumber(summary.busyMs)} ms of them busy; ` +
      'shares below are of busy time. Self time: the time spent in the function itself, not in what it calls.',
    '',
    '| # | function | where | self ms | share |',
    '|--:|---|---|--:|--:|',
    ...summary.topFunctions.map(
      (entry, index) =>
        `| ${index + 1} | \`${entry.name}\` | ${entry.area}${entry.location === '' ? '' : ` · \`${entry.location}\``} | ${formatNumber(entry.ms)} | ${pct(entry.share)} |`,
    ),
    '',
    `In short: ${summarizeAreas(summary)}.`,
    '',
    'Busy time by area (minified code traced back through the source maps next to it):',
    '',
    '| area | ms | share |',
    '|---|--:|--:|',
    ...summary.areas
      .slice(0, 12)
      .map((area) => `| ${area.area} | ${formatNumber(area.ms)} | ${pct(area.share)} |`),
  ]
}

async function profileArticle(
  context: BenchmarkContext,
  services: ContentServices,
): Promise<CpuProfileSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-cpu-prof-'))
  let skipMs = 0
  try {
    const site = await startSite(services, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] })
    try {
      await warmUp([`${BENCH_SITE_URL}${SEED_POST_PATH}`])
      // The profile starts with the process; only the load window says where a request's time goes.
      skipMs = performance.now() - site.spawnedAt
      context.log(`profiling next start for ${context.profile.profileSeconds} s`)
      await runLoad({
        url: `${BENCH_SITE_URL}${SEED_POST_PATH}`,
        connections: 10,
        seconds: context.profile.profileSeconds,
        gzip: false,
      })
    } finally {
      // SIGTERM makes Next exit through process.exit, which is when V8 writes the profile.
      await site.stop()
    }
    const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'))
    if (file === undefined) throw new Error('next start wrote no .cpuprofile')
    return await summarizeCpuProfile(join(dir, file), skipMs)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export const articleLoad: Benchmark = {
  id: 'article-load',
  title: 'Article page under load: next start vs nginx',
  needsBuild: true,
  async run(context) {
    const services = await startContentServices(join(BENCH_DATA_ROOT, 'article-load'))
    try {
      const site = await startSite(services)
      let nginx: StaticServer | null = null
      try {
        const articleUrl = `${BENCH_SITE_URL}${SEED_POST_PATH}`
        await warmUp([articleUrl, `${BENCH_SITE_URL}/`])
        // The bytes a visitor without cookies gets; nginx serves exactly these.
        const html = await fetchText(articleUrl)
        const caching = await describeCaching(articleUrl)
        if (findNginx() === null)
          context.record.note('nginx not installed: the nginx rows and ratios are empty.')
        else {
          nginx = await startStaticServer({
            html,
            fileName: 'article.html',
            port: BENCH_NGINX_PORT,
            gzip: true,
          })
          await warmUp([nginx.url])
        }
        const samples = await measureUnderLoad(context, nginx)
        recordSamples(context, samples, nginx === null)
        context.record.note(
          `How next start served the article: ${caching}. The home page is prerendered. ` +
            `nginx: 1 worker, gzip level 6 like Next's, ` +
            `serving the ${formatNumber(Buffer.byteLength(html) / 1000)} kB article HTML as a file. autocannon runs ` +
            `in the benchmark's own process on the same 2 cores, so nginx's figures are bounded by the load generator.`,
        )
      } finally {
        await nginx?.stop()
        await site.stop()
      }
      const summary = await profileArticle(context, services)
      context.record.section({
        heading: 'Where next start spends its time on the article',
        lines: renderProfile(summary, context.profile.profileSeconds),
      })
    } finally {
      await services.stop()
    }
  },
}
