// 4. Lighthouse with its default (mobile) settings on the home page and the article, each run in a fresh
// Debian Chromium started by chrome-launcher. Lighthouse simulates a slow phone and network (Lantern), so its
// timings are estimates from one load, not wall-clock times on this machine.
import { join } from 'node:path'
import type { launch as launchChrome } from 'chrome-launcher'
import type runLighthouse from 'lighthouse'
import { z } from 'zod'
import type { Benchmark, BenchmarkContext } from './support/benchmark.ts'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './support/chromium.ts'
import { track } from './support/running.ts'
import { BENCH_DATA_ROOT, BENCH_SITE_URL, SEED_POST_PATH } from './support/settings.ts'
import { withStack } from './support/stack.ts'
import { summarize } from './support/stats.ts'

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'article', path: SEED_POST_PATH },
] as const

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
const METRICS = [
  { audit: 'largest-contentful-paint', label: 'LCP', unit: 'ms' },
  { audit: 'cumulative-layout-shift', label: 'CLS', unit: '' },
  { audit: 'total-blocking-time', label: 'TBT', unit: 'ms' },
] as const

// What the page logged, so "browser errors were logged" says which.
const consoleErrorsSchema = z.object({
  items: z.array(z.looseObject({ description: z.string(), url: z.string().optional() })),
})

type RunFigures = {
  scores: Map<string, number>
  metrics: Map<string, number>
  warnings: string[]
  /** Audits that cost points, e.g. `accessibility: Links do not have a discernible name`. */
  shortfalls: string[]
}

type Tools = { lighthouse: typeof runLighthouse; launch: typeof launchChrome }

/** The reason, instead of the tools, when Lighthouse or chrome-launcher cannot be loaded on this machine. */
async function loadTools(): Promise<Tools | string> {
  try {
    const [{ default: lighthouse }, { launch }] = await Promise.all([
      import('lighthouse'),
      import('chrome-launcher'),
    ])
    return { lighthouse, launch }
  } catch (error) {
    return `lighthouse is not installed or cannot load (${error instanceof Error ? error.message : String(error)}); run npm install`
  }
}

async function runOnce(tools: Tools, url: string): Promise<RunFigures> {
  const chrome = await tools.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: [...CHROMIUM_FLAGS],
    logLevel: 'silent',
  })
  const running = track({ name: 'chromium (lighthouse)', stop: async () => chrome.kill() })
  try {
    const result = await tools.lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    })
    if (result === undefined) throw new Error(`lighthouse returned nothing for ${url}`)
    const { lhr } = result
    if (lhr.runtimeError !== undefined)
      throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
    const scores = new Map<string, number>()
    for (const category of CATEGORIES) {
      const score = lhr.categories[category]?.score
      if (typeof score === 'number') scores.set(category, score * 100)
    }
    const metrics = new Map<string, number>()
    for (const { audit } of METRICS) {
      const value = lhr.audits[audit]?.numericValue
      if (typeof value === 'number') metrics.set(audit, value)
    }
    const shortfalls: string[] = []
    for (const category of CATEGORIES) {
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id]
        // Performance metrics rarely score a full 1 on a simulated phone; only the clearly weak ones are listed.
        const threshold = category === 'performance' ? 0.9 : 1
        if (ref.weight > 0 && typeof audit?.score === 'number' && audit.score < threshold) {
          shortfalls.push(`${category}: ${audit.title}`)
        }
      }
    }
    const consoleErrors = consoleErrorsSchema.safeParse(lhr.audits['errors-in-console']?.details)
    if (consoleErrors.success) {
      for (const item of consoleErrors.data.items) {
        const where = item.url === undefined ? '' : ` (${item.url})`
        shortfalls.push(`console error: ${item.description.slice(0, 160)}${where}`)
      }
    }
    return { scores, metrics, warnings: lhr.runWarnings, shortfalls }
  } finally {
    await running.stop()
  }
}

function recordPage(context: BenchmarkContext, page: string, runs: RunFigures[]): void {
  const group = `${page} (mobile preset, ${runs.length} run(s))`
  for (const category of CATEGORIES) {
    context.record.figure({
      group,
      label: `${category} score`,
      unit: 'score',
      summary: summarize(runs.flatMap((run) => run.scores.get(category) ?? [])),
    })
  }
  for (const { audit, label, unit } of METRICS) {
    context.record.figure({
      group,
      label,
      unit: unit === '' ? 'unitless' : unit,
      summary: summarize(runs.flatMap((run) => run.metrics.get(audit) ?? [])),
      note: 'simulated throttling (Lantern estimate)',
    })
  }
  const seen = new Map<string, number>()
  for (const shortfall of runs.flatMap((run) => [...new Set(run.shortfalls)])) {
    seen.set(shortfall, (seen.get(shortfall) ?? 0) + 1)
  }
  const listed = [...seen.entries()].map(
    ([shortfall, count]) => `${shortfall} (${count} of ${runs.length} runs)`,
  )
  context.record.note(
    `${page}: audits that cost points: ${listed.length === 0 ? 'none' : listed.join('; ')}.`,
  )
  const warnings = [...new Set(runs.flatMap((run) => run.warnings))]
  for (const warning of warnings) context.record.note(`${page}: Lighthouse warned: ${warning}`)
}

export const lighthouseBenchmark: Benchmark = {
  id: 'lighthouse',
  title: 'Lighthouse (mobile preset)',
  needsBuild: true,
  async run(context) {
    const tools = await loadTools()
    if (typeof tools === 'string') {
      context.record.markUnavailable(tools)
      return
    }
    await withStack(join(BENCH_DATA_ROOT, 'lighthouse'), async () => {
      for (const page of PAGES) {
        const url = `${BENCH_SITE_URL}${page.path}`
        // One untimed visit, so the first measured run does not pay for cold server caches.
        await fetch(url).then((response) => response.text())
        const runs: RunFigures[] = []
        for (let run = 1; run <= context.profile.lighthouseRuns; run++) {
          context.log(`${page.name} run ${run}/${context.profile.lighthouseRuns}`)
          runs.push(await runOnce(tools, url))
        }
        recordPage(context, page.name, runs)
      }
    })
  },
}
