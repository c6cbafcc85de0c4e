// The contract between bench/run.ts and each benchmark module.
import type { Recorder } from './results.ts'
import type { BenchProfile } from './settings.ts'

export const BENCHMARK_IDS = [
  'build-and-start',
  'lake',
  'lake-retention',
  'page-weight',
  'lighthouse',
  'article-load',
  'publish-to-live',
  'comment-throughput',
  'stack',
  'flood',
] as const

export type BenchmarkId = (typeof BENCHMARK_IDS)[number]

export type BenchmarkContext = {
  profile: BenchProfile
  record: Recorder
  /** Prints a progress line; numbers go to the recorder. */
  log(line: string): void
  /** Makes sure `.next` holds a build for the benchmark's settings, building once if it does not. */
  ensureBuild(): Promise<void>
}

export type Benchmark = {
  id: BenchmarkId
  title: string
  /** Whether the benchmark needs a current production build before it starts. */
  needsBuild: boolean
  run(context: BenchmarkContext): Promise<void>
}
