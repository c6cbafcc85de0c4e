// Where the benchmarks put their servers and data, and how long they measure. Ports of their own, so an
// `npm start` or an end-to-end run on the same machine does not collide with a benchmark.
import { resolve } from 'node:path'
import { z } from 'zod'

const benchEnvSchema = z.object({
  /** Set by bench/run.ts when it re-runs itself inside the snapshot (support/snapshot.ts). */
  BENCH_SOURCE_ROOT: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
})
const benchEnv = benchEnvSchema.parse(process.env)

/** Where this code runs: the snapshot of the working tree during a benchmark run. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..')
/** The checkout `npm run bench` was started in: results and data go there. */
export const SOURCE_ROOT = benchEnv.BENCH_SOURCE_ROOT ?? REPO_ROOT
export const IS_SNAPSHOT_RUN = benchEnv.BENCH_SOURCE_ROOT !== undefined
export const RESULTS_DIR = resolve(SOURCE_ROOT, 'bench/results')
export const NEXT_BIN = resolve(REPO_ROOT, 'node_modules/next/dist/bin/next')

export const BENCH_HOST = '127.0.0.1'
export const BENCH_SITE_PORT = 3300
// The lake also opens its HTTP/2 listener on the next port (4746).
export const BENCH_LAKE_PORT = 4745
export const BENCH_SMTP_PORT = 2725
export const BENCH_INBOX_PORT = 2780
export const BENCH_NGINX_PORT = 3390

export const BENCH_SITE_URL = `http://${BENCH_HOST}:${BENCH_SITE_PORT}`
export const BENCH_LAKE_URL = `http://${BENCH_HOST}:${BENCH_LAKE_PORT}`

/** Every benchmark's data lives below here; each run empties the folder it uses. */
export const BENCH_DATA_ROOT = resolve(SOURCE_ROOT, '.data/bench')

export const SEED_POST_ID = 'post-understanding-leg-cramps'
export const SEED_POST_SLUG = 'understanding-leg-cramps-causes-and-solutions'
export const SEED_POST_PATH = `/posts/${SEED_POST_SLUG}`

/** How much each benchmark measures: `full` for `npm run bench`, `quick` (BENCH_QUICK=1) while developing. */
export type BenchProfile = {
  name: 'full' | 'quick'
  /** Repetitions of each load or start figure; min/median/max are taken over these. */
  repetitions: number
  /** A build takes a minute or more on two cores: fewer of them. */
  buildRepetitions: number
  loadSeconds: number
  profileSeconds: number
  publishSamples: number
  lighthouseRuns: number
  pageWeightRuns: number
  /** Seconds each comment concurrency level posts for (bounded again by the global comment budget). */
  commentSeconds: number
  /** Seconds of each quiet and each flood phase in bench/flood.ts. */
  floodSeconds: number
  lakeSizes: readonly number[]
  /** A lake size whose loading runs past this stops there and is reported as reached. */
  lakeSeedBudgetMs: number
  generatedPosts: number
  /** No further benchmark starts once the run has taken this long; keeps `npm run bench` under 15 minutes. */
  runBudgetMs: number
}

export const FULL_PROFILE: BenchProfile = Object.freeze({
  name: 'full',
  repetitions: 3,
  buildRepetitions: 1,
  loadSeconds: 10,
  profileSeconds: 5,
  publishSamples: 20,
  lighthouseRuns: 3,
  pageWeightRuns: 3,
  // The site-wide budget (30 accepted a minute) runs out within 2 s at any concurrency; longer only adds refusals.
  commentSeconds: 6,
  floodSeconds: 15,
  lakeSizes: [1_000, 10_000, 100_000],
  lakeSeedBudgetMs: 90_000,
  generatedPosts: 1_000,
  runBudgetMs: 12 * 60_000,
})

export const QUICK_PROFILE: BenchProfile = Object.freeze({
  name: 'quick',
  repetitions: 1,
  buildRepetitions: 1,
  loadSeconds: 2,
  profileSeconds: 2,
  publishSamples: 3,
  lighthouseRuns: 1,
  pageWeightRuns: 1,
  commentSeconds: 2,
  floodSeconds: 5,
  lakeSizes: [1_000, 10_000],
  lakeSeedBudgetMs: 20_000,
  generatedPosts: 100,
  runBudgetMs: 10 * 60_000,
})
