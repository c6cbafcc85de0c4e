// The readers of bench/flood.ts: one wrk process per page, each connection a reader who waits a moment between
// pages, so the load is steady and modest and a p99 says how long a reader waits rather than how deep a queue is.
// The same readers run quiet and during the flood; the figures compare the two.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BenchmarkContext } from './benchmark.ts'
import { formatNumber } from './report.ts'
import { summarize } from './stats.ts'
import { runWrk, type WrkFigures } from './wrk.ts'

export const RATIO_GOAL = 3
// wrk leaves answers slower than its timeout out of the latencies; a long one keeps them in.
export const READER_TIMEOUT_S = 10

export const READERS = {
  article: { label: 'cached article', connections: 10, thinkMs: 100 },
  uncached: { label: 'uncached page (reply form, rendered per request)', connections: 4, thinkMs: 250 },
} as const
export const READER_IDS = ['article', 'uncached'] as const satisfies readonly (keyof typeof READERS)[]
export type Reader = (typeof READER_IDS)[number]
/** Both readers' figures from one phase, measured at the same time. */
export type ReaderPhase = Record<Reader, WrkFigures>
export type ReaderSetup = { urls: Record<Reader, string>; scripts: Record<Reader, string> }

const failuresOf = (run: WrkFigures): number => run.non2xx + run.errors

/** wrk scripts whose connections each wait their reader's think time after an answer, written into `dir`. */
export async function writeThinkTimeScripts(dir: string): Promise<Record<Reader, string>> {
  const write = async (reader: Reader): Promise<string> => {
    const path = join(dir, `think-${reader}.lua`)
    await writeFile(path, `function delay()\n  return ${READERS[reader].thinkMs}\nend\n`)
    return path
  }
  return { article: await write('article'), uncached: await write('uncached') }
}

export async function measureReaders(setup: ReaderSetup, seconds: number): Promise<ReaderPhase> {
  const measure = (reader: Reader): Promise<WrkFigures> =>
    runWrk({
      url: setup.urls[reader],
      connections: READERS[reader].connections,
      seconds,
      gzip: true,
      scriptPath: setup.scripts[reader],
      timeoutSeconds: READER_TIMEOUT_S,
    })
  const [article, uncached] = await Promise.all([measure('article'), measure('uncached')])
  return { article, uncached }
}

function recordReader(
  context: BenchmarkContext,
  reader: Reader,
  quiet: ReaderPhase[],
  flood: ReaderPhase[],
): void {
  const { label, connections, thinkMs } = READERS[reader]
  const group = `${label} · ${connections} readers, ${thinkMs} ms think time each · wrk`
  const quietRuns = quiet.map((phase) => phase[reader])
  const floodRuns = flood.map((phase) => phase[reader])
  const failed = (runs: WrkFigures[]): number => runs.reduce((sum, run) => sum + failuresOf(run), 0)
  const failureNote = (runs: WrkFigures[]): string | undefined =>
    failed(runs) > 0
      ? `${failed(runs)} non-2xx, failed or timed-out (> ${READER_TIMEOUT_S} s) answers`
      : undefined
  const figure = (name: string, unit: string, values: number[], note?: string): void =>
    context.record.figure({ group, label: name, unit, summary: summarize(values), note })
  const perSecond = (run: WrkFigures): number => run.requestsPerSecond
  figure('quiet · requests/s', 'req/s', quietRuns.map(perSecond), failureNote(quietRuns))
  figure('flood · requests/s', 'req/s', floodRuns.map(perSecond), failureNote(floodRuns))
  for (const [name, of] of [
    ['p50', (run: WrkFigures) => run.p50Ms],
    ['p99', (run: WrkFigures) => run.p99Ms],
  ] as const) {
    figure(`quiet · ${name}`, 'ms', quietRuns.map(of))
    figure(`flood · ${name}`, 'ms', floodRuns.map(of))
    // Each flood run against the quiet median: the quiet runs came first, so no flood could linger in them.
    const baseline = summarize(quietRuns.map(of))?.median ?? Number.NaN
    const ratios = summarize(floodRuns.map((run) => of(run) / baseline))
    context.record.figure({
      group,
      label: `ratio · flood ${name} ÷ quiet ${name}`,
      unit: '×',
      summary: ratios,
      ...(name === 'p99'
        ? {
            goal: {
              text: `≤ ${RATIO_GOAL}× and no failed answers`,
              met: ratios === null ? null : ratios.median <= RATIO_GOAL && failed(floodRuns) === 0,
            },
          }
        : {}),
    })
  }
  if (failed(quietRuns) > 0) context.record.warn(`${label}: ${failureNote(quietRuns)} while quiet`)
  if (failed(floodRuns) > 0) context.record.warn(`${label}: ${failureNote(floodRuns)} during the floods`)
}

export function recordReaders(context: BenchmarkContext, quiet: ReaderPhase[], flood: ReaderPhase[]): void {
  for (const reader of READER_IDS) recordReader(context, reader, quiet, flood)
}

/** One flood of a single part of the mix, against the same quiet baseline: which part costs the readers what. */
export function recordPartAlone(
  context: BenchmarkContext,
  part: string,
  quiet: ReaderPhase[],
  phase: ReaderPhase,
): void {
  for (const reader of READER_IDS) {
    const baseline = summarize(quiet.map((run) => run[reader].p99Ms))?.median ?? Number.NaN
    const run = phase[reader]
    const failed = failuresOf(run)
    context.record.figure({
      group: 'one part of the mix alone · 1 flood each · flood p99 ÷ quiet p99',
      label: `${part} alone · ${READERS[reader].label}`,
      unit: '×',
      summary: summarize([run.p99Ms / baseline]),
      note: `p99 ${formatNumber(run.p99Ms)} ms, p50 ${formatNumber(run.p50Ms)} ms${failed > 0 ? `, ${failed} failed answers` : ''}`,
    })
  }
}
