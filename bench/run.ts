// `npm run bench`: runs the selected benchmarks one after another on 127.0.0.1, stops everything they started
// (also on Ctrl-C), and writes bench/results/latest.md and latest.json. Prints numbers; asserts nothing.
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { articleLoad } from './article-load.ts'
import { buildAndStart } from './build-and-start.ts'
import { commentThroughput } from './comment-throughput.ts'
import { floodBenchmark } from './flood.ts'
import { lakeBenchmark } from './lake.ts'
import { lakeRetentionBenchmark } from './lake-retention.ts'
import { lighthouseBenchmark } from './lighthouse.ts'
import { pageWeight } from './page-weight.ts'
import { publishToLive } from './publish-to-live.ts'
import { stackBenchmark } from './stack.ts'
import { BenchArgsError, parseBenchArgs } from './support/args.ts'
import type { Benchmark, BenchmarkContext, BenchmarkId } from './support/benchmark.ts'
import { isBenchBuildCurrent, runNextBuild } from './support/build.ts'
import { describeMachine, describeSource, describeVersions } from './support/machine.ts'
import { listBusyPorts } from './support/ports.ts'
import { writeReport, type BenchReport } from './support/report.ts'
import { Recorder, type BenchmarkResult } from './support/results.ts'
import { stopEverything } from './support/running.ts'
import {
  BENCH_DATA_ROOT,
  BENCH_INBOX_PORT,
  BENCH_LAKE_PORT,
  BENCH_NGINX_PORT,
  BENCH_SITE_PORT,
  BENCH_SMTP_PORT,
  IS_SNAPSHOT_RUN,
  RESULTS_DIR,
  SOURCE_ROOT,
} from './support/settings.ts'
import { rerunInSnapshot } from './support/snapshot.ts'
import { startContentServices } from './support/stack.ts'

const BENCHMARKS: { [id in BenchmarkId]: Benchmark } = {
  'build-and-start': buildAndStart,
  lake: lakeBenchmark,
  'lake-retention': lakeRetentionBenchmark,
  'page-weight': pageWeight,
  lighthouse: lighthouseBenchmark,
  'article-load': articleLoad,
  'publish-to-live': publishToLive,
  'comment-throughput': commentThroughput,
  stack: stackBenchmark,
  flood: floodBenchmark,
}

const log = (line: string): void => void process.stdout.write(`[bench] ${line}\n`)

let interrupted = false
const installSignalHandlers = (): void => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupted) return
      interrupted = true
      log(`${signal}: stopping everything the benchmarks started…`)
      void stopEverything().finally(() => process.exit(130))
    })
  }
}

/** Builds once per run when `.next` is not a build for the benchmark settings. */
function createBuildGuard(): () => Promise<void> {
  let built: Promise<void> | null = null
  return () => {
    built ??= (async () => {
      if (isBenchBuildCurrent()) return
      log('.next is not built for the benchmark settings: building once (not measured)')
      const services = await startContentServices(join(BENCH_DATA_ROOT, 'build'))
      try {
        await runNextBuild(services.appEnv, log)
      } finally {
        await services.stop()
      }
    })()
    return built
  }
}

async function runOne(
  benchmark: Benchmark,
  base: Omit<BenchmarkContext, 'record' | 'log'>,
): Promise<BenchmarkResult> {
  const record = new Recorder()
  const context: BenchmarkContext = {
    ...base,
    record,
    log: (line) => log(`${benchmark.id}: ${line}`),
  }
  const started = performance.now()
  let failure: string | null = null
  try {
    if (benchmark.needsBuild) await context.ensureBuild()
    await benchmark.run(context)
  } catch (error) {
    failure =
      error instanceof Error
        ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
        : String(error)
    log(`${benchmark.id} failed: ${failure}`)
    if (error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`)
  }
  // A benchmark stops what it starts; this catches what a failure left behind before the next one starts.
  const leftovers = await stopEverything()
  if (leftovers.length > 0) record.warn(`could not stop: ${leftovers.join('; ')}`)
  const status = failure !== null ? 'failed' : record.unavailableReason !== null ? 'unavailable' : 'ok'
  const reason = failure ?? record.unavailableReason ?? undefined
  return {
    id: benchmark.id,
    title: benchmark.title,
    status,
    ...(reason === undefined ? {} : { reason }),
    durationMs: performance.now() - started,
    figures: record.figures,
    notes: record.notes,
    warnings: record.warnings,
    sections: record.sections,
  }
}

function skipped(benchmark: Benchmark, reason: string): BenchmarkResult {
  return {
    id: benchmark.id,
    title: benchmark.title,
    status: 'unavailable',
    reason,
    durationMs: 0,
    figures: [],
    notes: [],
    warnings: [],
    sections: [],
  }
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), process.env)
  if (!IS_SNAPSHOT_RUN) {
    process.exitCode = await rerunInSnapshot(SOURCE_ROOT, process.argv.slice(2))
    return
  }
  installSignalHandlers()
  const busy = await listBusyPorts([
    BENCH_SITE_PORT,
    BENCH_LAKE_PORT,
    BENCH_LAKE_PORT + 1,
    BENCH_SMTP_PORT,
    BENCH_INBOX_PORT,
    BENCH_NGINX_PORT,
  ])
  if (busy.length > 0) {
    throw new Error(
      `ports ${busy.join(', ')} on 127.0.0.1 are in use; stop whatever holds them (an interrupted benchmark?)`,
    )
  }
  const startedAt = new Date()
  const started = performance.now()
  const machine = describeMachine()
  const versions = describeVersions()
  log(`profile ${args.profile.name}: ${args.selected.join(', ')}`)
  log(`${machine.cpuModel}, ${machine.cores} cores, load average ${machine.loadAverageAtStart.join(' ')}`)

  const base = { profile: args.profile, ensureBuild: createBuildGuard() }
  const results: BenchmarkResult[] = []
  for (const id of args.selected) {
    const elapsedMs = performance.now() - started
    if (elapsedMs > args.profile.runBudgetMs) {
      log(`skipping ${id}: the run has used its ${args.profile.runBudgetMs / 60_000} min budget`)
      results.push(
        skipped(BENCHMARKS[id], `skipped: the run had used ${Math.round(elapsedMs / 1000)} s of its budget`),
      )
      continue
    }
    log(`— ${id} —`)
    results.push(await runOne(BENCHMARKS[id], base))
  }

  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationS: (performance.now() - started) / 1000,
    profile: args.profile,
    selected: args.selected,
    machine,
    versions,
    source: describeSource(),
    benchmarks: results,
    leftRunning: await stopEverything(),
  }
  const files = await writeReport(report, RESULTS_DIR)
  log(`wrote ${files.markdown} and ${files.json} after ${Math.round(report.durationS)} s`)
}

main().catch(async (error: unknown) => {
  const message = error instanceof BenchArgsError || error instanceof Error ? error.message : String(error)
  process.stderr.write(`npm run bench failed: ${message}\n`)
  await stopEverything()
  process.exit(1)
})
