import { performance } from 'node:perf_hooks'
import { assertNever } from './assert-never.ts'

/**
 * How much one query may cost. Hosted Sanity stops a query after a minute (sanity.io/docs/technical-limits,
 * "Maximum query execution time"); the lake is one Node thread shared by every request, so it stops sooner.
 * `maxWork` counts evaluation steps (see budget-checks.ts), so it does not depend on how busy the machine is.
 */
export type QueryLimits = { timeoutMs: number; maxWork: number }

// A step that evaluates an expression costs about a microsecond, so the clock stops such queries first. The
// step count stops those that hand out a whole `*` per element long before: the bench saw the query of
// issue #14 refused after 16 ms at 100k documents.
export const DEFAULT_QUERY_LIMITS: QueryLimits = { timeoutMs: 5_000, maxWork: 10_000_000 }

/** A query lets other requests in after running this long. */
const SLICE_MS = 2
/**
 * A query still running after this long moves to the background: the site's own queries take well under it (the
 * article 0.5 ms, a full scan of 100k documents 130 ms), a hostile one runs until its limit. Background queries
 * together get one slice per BACKGROUND_PAUSE_MS, a quarter of the lake's thread, so four of them cannot take the
 * whole core from the site that shares the machine (the flood benchmark, issue #14).
 */
export const BACKGROUND_AFTER_MS = 250
export const BACKGROUND_PAUSE_MS = 8

/** `full`: the next turn of the event loop. `background`: behind every other background query, paced. */
export type QueryShare = 'full' | 'background'

/** The budget's view of the world: a monotonic clock and a way to let queued I/O run. */
export type QueryPacer = { now(): number; yieldToOthers(share: QueryShare): Promise<void> }

/**
 * Resumes one waiting query per event-loop turn, in the order they gave way. Each turn polls for I/O before
 * it runs setImmediate callbacks, so a request (a ping) waits behind one query's slice however many queries
 * run. With a setImmediate per query, a ping waited behind every running query's slice: with four queries,
 * p50 9 ms and p99 20 ms on an idle machine but 50-140 ms on a loaded one; one per turn gave p50 2 ms and
 * p99 6-29 ms on the loaded one (issue #14 asks for a p99 under 50 ms).
 */
export function createEventLoopPacer(): QueryPacer {
  const waiting: (() => void)[] = []
  // Invariant: one resumeNext is scheduled exactly while `waiting` is not empty.
  const resumeNext = (): void => {
    waiting.shift()?.()
    if (waiting.length > 0) setImmediate(resumeNext)
  }
  const background: (() => void)[] = []
  // Invariant: one resumeBackground timer is pending exactly while `background` is not empty.
  const resumeBackground = (): void => {
    background.shift()?.()
    if (background.length > 0) setTimeout(resumeBackground, BACKGROUND_PAUSE_MS)
  }
  return {
    now: () => performance.now(),
    yieldToOthers: (share) =>
      new Promise((resolve) => {
        const queue = share === 'background' ? background : waiting
        queue.push(resolve)
        if (queue.length > 1) return
        if (share === 'background') setTimeout(resumeBackground, BACKGROUND_PAUSE_MS)
        else setImmediate(resumeNext)
      }),
  }
}

export type BudgetOverrun = { limit: 'time' | 'work'; limits: QueryLimits }

/**
 * Spending answers `false` (go on), `true` (over budget: stop), or a promise of one of them when the query
 * has had its slice and must wait for its turn. Once over, it answers `true` for good.
 */
export type QueryBudget = {
  spend(units: number): boolean | Promise<boolean>
  overrun(): BudgetOverrun | null
  /** Settles when a limit is passed, and never while the query keeps within its budget. */
  readonly exceeded: Promise<BudgetOverrun>
}

export function createQueryBudget(limits: QueryLimits, pacer: QueryPacer): QueryBudget {
  const started = pacer.now()
  const exceeded = Promise.withResolvers<BudgetOverrun>()
  let sliceStarted = started
  let work = 0
  let overrun: BudgetOverrun | null = null
  let turn: Promise<boolean> | null = null

  const stop = (limit: BudgetOverrun['limit']): true => {
    if (overrun === null) {
      overrun = { limit, limits }
      exceeded.resolve(overrun)
    }
    return true
  }
  const isOutOfTime = (now: number): boolean => now - started > limits.timeoutMs && stop('time')

  return {
    spend(units) {
      if (overrun) return true
      work += units
      if (work > limits.maxWork) return stop('work')
      // Every evaluation branch that reaches a check while the query waits shares the one turn.
      if (turn) return turn
      const now = pacer.now()
      if (isOutOfTime(now)) return true
      if (now - sliceStarted < SLICE_MS) return false
      turn = pacer.yieldToOthers(now - started > BACKGROUND_AFTER_MS ? 'background' : 'full').then(() => {
        turn = null
        sliceStarted = pacer.now()
        return overrun !== null || isOutOfTime(sliceStarted)
      })
      return turn
    },
    overrun: () => overrun,
    exceeded: exceeded.promise,
  }
}

/** What the caller reads: which limit, how big it is, and what usually helps. */
export function describeOverrun(overrun: BudgetOverrun): string {
  const advice =
    'Narrow it with a filter on _type or _id, or use fewer nested subqueries over *; each level multiplies the work by the number of documents.'
  switch (overrun.limit) {
    case 'time':
      return `Query timed out: it ran longer than the lake's limit of ${overrun.limits.timeoutMs} ms (LAKE_QUERY_TIMEOUT_MS). ${advice}`
    case 'work':
      return `Query is too expensive: it needed more than the lake's limit of ${overrun.limits.maxWork} evaluation steps (LAKE_QUERY_MAX_WORK). ${advice}`
    default:
      return assertNever(overrun.limit)
  }
}
