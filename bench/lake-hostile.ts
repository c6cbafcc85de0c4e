// Issue #14: anonymous GROQ queries whose cost multiplies with every level of nesting, sent while /v1/ping is
// measured. Each should be refused once its budget is spent, and the lake should go on answering meanwhile.
// Part of the lake benchmark (bench/lake.ts); run last, because a lake without budgets never recovers.
import { performance } from 'node:perf_hooks'
import { ClientError, type SanityClient } from '@sanity/client'
import { percentile } from './support/stats.ts'

/** The shape from the issue. Each `*` handed out whole counts every document, so the work budget refuses it. */
export const ISSUE_QUERY = 'count(*[0...20]{"a": *[]{"b": *[]{"c": *[]{"d": *[]}}}})'
/** The same nesting over narrowed filters: every step evaluates an expression, so the clock stops it. */
export const SUSTAINED_QUERY =
  'count(*[_type == "post"]{"a": *[_type == "post"]{"b": *[_type == "post"]{"c": *[_type == "post"]._id}}})'
export const CONCURRENT_QUERIES = 4
// Far beyond the lake's budget, so a lake without one still lets the benchmark finish.
const CLIENT_TIMEOUT_MS = 20_000
const PING_TIMEOUT_MS = 2_000
const MAX_PINGS = 5_000

export type HostileRun = {
  issueQuery: { answeredMs: number; outcome: string }
  sustained: { answeredMs: number[]; outcomes: string[]; pings: number[] }
}

type Answer = { ms: number; outcome: string }

async function timeQuery(client: SanityClient, query: string): Promise<Answer> {
  const started = performance.now()
  const outcome = await client.fetch(query).then(
    () => 'answered',
    (error: unknown) =>
      error instanceof ClientError
        ? `refused (${error.statusCode} ${String(error.details?.type ?? '')})`
        : `failed (${error instanceof Error ? error.name : 'unknown'})`,
  )
  return { ms: performance.now() - started, outcome }
}

async function timePing(lakeUrl: string): Promise<number> {
  const started = performance.now()
  await fetch(`${lakeUrl}/v1/ping`, { signal: AbortSignal.timeout(PING_TIMEOUT_MS) }).then(
    (response) => response.arrayBuffer(),
    () => null,
  )
  return performance.now() - started
}

export async function measureHostileQueries(lakeUrl: string, editor: SanityClient): Promise<HostileRun> {
  const anonymous = editor.withConfig({ token: undefined, timeout: CLIENT_TIMEOUT_MS, maxRetries: 0 })
  const issue = await timeQuery(anonymous, ISSUE_QUERY)
  let running = CONCURRENT_QUERIES
  const answers = Array.from({ length: CONCURRENT_QUERIES }, () =>
    timeQuery(anonymous, SUSTAINED_QUERY).finally(() => running--),
  )
  const pings: number[] = []
  while (running > 0 && pings.length < MAX_PINGS) pings.push(await timePing(lakeUrl))
  const sustained = await Promise.all(answers)
  return {
    issueQuery: { answeredMs: issue.ms, outcome: issue.outcome },
    sustained: {
      answeredMs: sustained.map((answer) => answer.ms),
      outcomes: [...new Set(sustained.map((answer) => answer.outcome))],
      pings,
    },
  }
}

export const pingPercentile = (run: HostileRun, p: number): number => percentile(run.sustained.pings, p)
