// 3. Page weight: what the article transfers on a first visit in Chromium (an empty cache), by kind, as
// transferred and uncompressed, from the DevTools protocol's Network events; and whether the page is readable
// with JavaScript off.
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import type { Benchmark, BenchmarkContext } from './support/benchmark.ts'
import type { Section } from './support/results.ts'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './support/chromium.ts'
import { track } from './support/running.ts'
import { readRouteFirstLoadJs, type ChunkWeight } from './support/build-js.ts'
import { BENCH_DATA_ROOT, BENCH_SITE_URL, REPO_ROOT, SEED_POST_PATH } from './support/settings.ts'
import { withStack } from './support/stack.ts'
import { summarize } from './support/stats.ts'

const KINDS = ['html', 'css', 'js', 'font', 'image', 'data (RSC, fetch)', 'other'] as const
type Kind = (typeof KINDS)[number]
type Bytes = { transferred: number; decoded: number; requests: number }
type Weight = Record<Kind, Bytes>
type Fetched = { path: string; kind: Kind; transferred: number; decoded: number }
type FirstLoad = { weight: Weight; fetched: Fetched[] }

const JS_GOAL_BYTES = 60_000
const KB = 1000
const SETTLE_TIMEOUT_MS = 10_000

function toKind(resourceType: string): Kind {
  switch (resourceType) {
    case 'Document':
      return 'html'
    case 'Stylesheet':
      return 'css'
    case 'Script':
      return 'js'
    case 'Font':
      return 'font'
    case 'Image':
      return 'image'
    case 'Fetch':
    case 'XHR':
      return 'data (RSC, fetch)'
    default:
      return 'other'
  }
}

const noBytes = (): Bytes => ({ transferred: 0, decoded: 0, requests: 0 })
const emptyWeight = (): Weight => ({
  html: noBytes(),
  css: noBytes(),
  js: noBytes(),
  font: noBytes(),
  image: noBytes(),
  'data (RSC, fetch)': noBytes(),
  other: noBytes(),
})

/** One first visit in a fresh browser context: nothing cached, no cookies. */
async function measureFirstLoad(browser: Browser, url: string): Promise<FirstLoad> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    const kinds = new Map<string, Kind>()
    const paths = new Map<string, string>()
    const fetched: Fetched[] = []
    const decoded = new Map<string, number>()
    const weight = emptyWeight()
    cdp.on('Network.responseReceived', (event) => {
      kinds.set(event.requestId, toKind(event.type))
      const { pathname, search } = new URL(event.response.url)
      paths.set(event.requestId, `${pathname}${search}`)
    })
    cdp.on('Network.dataReceived', (event) =>
      decoded.set(event.requestId, (decoded.get(event.requestId) ?? 0) + event.dataLength),
    )
    cdp.on('Network.loadingFinished', (event) => {
      const kind = kinds.get(event.requestId) ?? 'other'
      const bytes = weight[kind]
      // encodedDataLength: every byte received for the request, headers included, as it came off the wire.
      const transferred = event.encodedDataLength
      const body = decoded.get(event.requestId) ?? 0
      bytes.transferred += transferred
      bytes.decoded += body
      bytes.requests += 1
      fetched.push({ path: paths.get(event.requestId) ?? '?', kind, transferred, decoded: body })
    })
    await cdp.send('Network.enable')
    await page.goto(url, { waitUntil: 'load' })
    // Next fetches the chunks a page needs after `load` too, and prefetches visible links: wait for quiet.
    await page.waitForLoadState('networkidle', { timeout: SETTLE_TIMEOUT_MS }).catch(() => undefined)
    return { weight, fetched }
  } finally {
    await context.close()
  }
}

type ReadableCheck = { readable: boolean; detail: string }

async function checkReadableWithoutJs(browser: Browser, url: string): Promise<ReadableCheck> {
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.goto(url, { waitUntil: 'load' })
    const headings = await page.locator('h1').allTextContents()
    const form = page.locator('form.comment-form')
    const hasForm =
      (await form.count()) === 1 &&
      (await form.locator('textarea[name="body"]').count()) === 1 &&
      (await form.getByRole('button', { name: 'Post Comment' }).count()) === 1
    const paragraphs = await page.locator('article p').count()
    const [h1] = headings
    const readable =
      headings.length === 1 && h1 !== undefined && h1.trim() !== '' && hasForm && paragraphs > 0
    return {
      readable,
      detail: `h1: ${headings.length === 1 ? `"${h1?.trim()}"` : `${headings.length} found`}; comment form with body field and submit button: ${hasForm ? 'yes' : 'no'}; ${paragraphs} paragraphs in the article`,
    }
  } finally {
    await context.close()
  }
}

function recordWeights(context: BenchmarkContext, weights: Weight[]): void {
  for (const kind of KINDS) {
    const requests = summarize(weights.map((weight) => weight[kind].requests))
    const note = `${requests?.median ?? 0} request(s)`
    const isJs = kind === 'js'
    const transferred = summarize(weights.map((weight) => weight[kind].transferred / KB))
    context.record.figure({
      group: 'first load of the article, empty cache (kB = 1,000 bytes)',
      label: `${kind} · transferred (compressed, with headers)`,
      unit: 'kB',
      summary: transferred,
      note,
      ...(isJs
        ? {
            goal: {
              text: `first-load JS ≤ ${JS_GOAL_BYTES / KB} kB compressed`,
              met: transferred === null ? null : transferred.median * KB <= JS_GOAL_BYTES,
            },
          }
        : {}),
    })
    context.record.figure({
      group: 'first load of the article, empty cache (kB = 1,000 bytes)',
      label: `${kind} · uncompressed`,
      unit: 'kB',
      summary: summarize(weights.map((weight) => weight[kind].decoded / KB)),
      note,
    })
  }
  const total = (weight: Weight, field: 'transferred' | 'decoded'): number =>
    KINDS.reduce((sum, kind) => sum + weight[kind][field], 0) / KB
  context.record.figure({
    group: 'first load of the article, empty cache (kB = 1,000 bytes)',
    label: 'everything · transferred',
    unit: 'kB',
    summary: summarize(weights.map((weight) => total(weight, 'transferred'))),
  })
}

const ARTICLE_PAGE = '/posts/[slug]/page'

/** The build's own account of first-load JS: the framework floor every route carries, and what the article adds. */
async function recordBuildOutputJs(context: BenchmarkContext): Promise<void> {
  const js = await readRouteFirstLoadJs(join(REPO_ROOT, '.next'), ARTICLE_PAGE)
  const group = 'first-load JS from the build output (gzip level 6, as next start sends it)'
  const total = (chunks: ChunkWeight[], field: 'bytes' | 'gzipBytes'): number =>
    chunks.reduce((sum, chunk) => sum + chunk[field], 0) / KB
  const record = (label: string, chunks: ChunkWeight[], note: string, goal?: boolean): void => {
    const gzip = total(chunks, 'gzipBytes')
    context.record.figure({
      group,
      label: `${label} · gzip`,
      unit: 'kB',
      summary: summarize([gzip]),
      note: `${chunks.length} chunk(s), ${total(chunks, 'bytes').toFixed(1)} kB uncompressed; ${note}`,
      ...(goal === true
        ? {
            goal: {
              text: `first-load JS ≤ ${JS_GOAL_BYTES / KB} kB compressed`,
              met: gzip * KB <= JS_GOAL_BYTES,
            },
          }
        : {}),
    })
  }
  record(
    'shared by every route',
    js.shared,
    "Next's client runtime and React: the floor of any App Router page",
  )
  record(
    'added by the article',
    js.route,
    'its layout and page: the comment form, the reader-only parts, links',
  )
  record('article, first load', [...js.shared, ...js.route], 'what a browser with ES modules loads', true)
  record(
    'legacy polyfills',
    js.polyfills,
    'nomodule: fetched only by browsers without ES modules, not counted above',
  )
}

function renderFetched(fetched: Fetched[]): Section {
  const kB = (bytes: number): string => (bytes / KB).toFixed(1)
  const rows = fetched
    .filter((item) => item.kind !== 'data (RSC, fetch)')
    .sort((a, b) => b.transferred - a.transferred)
    .map(
      (item) =>
        `| ${item.kind} | \`${item.path.slice(0, 90)}\` | ${kB(item.transferred)} | ${kB(item.decoded)} |`,
    )
  const prefetches = fetched.filter((item) => item.kind === 'data (RSC, fetch)')
  return {
    heading: 'What the first load fetches (first run)',
    lines: [
      '| kind | path | transferred kB | uncompressed kB |',
      '|---|---|--:|--:|',
      ...rows,
      '',
      `Plus ${prefetches.length} RSC/fetch request(s) (${kB(prefetches.reduce((sum, item) => sum + item.transferred, 0))} kB ` +
        'transferred): link prefetches of the Next router, fetched after load.',
    ],
  }
}

export const pageWeight: Benchmark = {
  id: 'page-weight',
  title: 'Page weight of the article (Chromium, first load)',
  needsBuild: true,
  async run(context) {
    await withStack(join(BENCH_DATA_ROOT, 'page-weight'), async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_FLAGS],
        headless: true,
      })
      const stoppable = track({ name: 'chromium (playwright)', stop: () => browser.close() })
      try {
        const url = `${BENCH_SITE_URL}${SEED_POST_PATH}`
        const loads: FirstLoad[] = []
        for (let run = 1; run <= context.profile.pageWeightRuns; run++) {
          context.log(`first load ${run}/${context.profile.pageWeightRuns}`)
          loads.push(await measureFirstLoad(browser, url))
        }
        recordWeights(
          context,
          loads.map((load) => load.weight),
        )
        const [first] = loads
        if (first !== undefined) context.record.section(renderFetched(first.fetched))
        await recordBuildOutputJs(context)
        const check = await checkReadableWithoutJs(browser, url)
        context.record.figure({
          group: 'with JavaScript off',
          label: 'article readable: one h1, body text and the comment form',
          unit: '1 = yes',
          summary: summarize([check.readable ? 1 : 0]),
          goal: { text: 'yes', met: check.readable },
          note: check.detail,
        })
        context.record.note(
          `Readable with JavaScript off: ${check.readable ? 'yes' : 'NO'} (${check.detail}).`,
        )
      } finally {
        await stoppable.stop()
      }
    })
  },
}
