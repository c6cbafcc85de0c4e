// `npm run bench -- --only article-load,publish --quick`: which benchmarks run, and how long they measure.
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { BENCHMARK_IDS, type BenchmarkId } from './benchmark.ts'
import { FULL_PROFILE, QUICK_PROFILE, type BenchProfile } from './settings.ts'

export type BenchArgs = { selected: BenchmarkId[]; profile: BenchProfile }

const argsSchema = z.object({
  only: z.string().optional(),
  quick: z.boolean().optional(),
  BENCH_QUICK: z.enum(['', '0', '1', 'true', 'false']).optional(),
})

export class BenchArgsError extends Error {
  override name = 'BenchArgsError'
}

/** An id or an unambiguous start of one: `publish` selects `publish-to-live`. */
function resolveBenchmark(name: string): BenchmarkId {
  const exact = BENCHMARK_IDS.find((id) => id === name)
  if (exact !== undefined) return exact
  const matches = BENCHMARK_IDS.filter((id) => id.startsWith(name))
  const [only] = matches
  if (matches.length === 1 && only !== undefined) return only
  throw new BenchArgsError(
    `${matches.length === 0 ? 'unknown' : 'ambiguous'} benchmark "${name}"; choose from ${BENCHMARK_IDS.join(', ')}`,
  )
}

export function parseBenchArgs(argv: string[], env: Record<string, string | undefined>): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: { only: { type: 'string' }, quick: { type: 'boolean' } },
    strict: true,
  })
  const parsed = argsSchema.parse({ ...values, BENCH_QUICK: env.BENCH_QUICK })
  const quick = parsed.quick === true || parsed.BENCH_QUICK === '1' || parsed.BENCH_QUICK === 'true'
  const names = (parsed.only ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  const chosen = new Set(names.map(resolveBenchmark))
  return {
    // Always in the canonical order: build-and-start first leaves `.next` current for the others.
    selected: BENCHMARK_IDS.filter((id) => chosen.size === 0 || chosen.has(id)),
    profile: quick ? QUICK_PROFILE : FULL_PROFILE,
  }
}
