/**
 * Bounds how many image transforms run at once. sharp runs each one on libuv's thread pool, so without a bound a
 * burst of distinct URLs queues unbounded CPU work and memory (issue #14). Past the queue a caller is told "busy"
 * at once, so the lake answers 503 rather than piling up work nobody will wait for.
 */
export type TransformGateLimits = {
  /** Transforms that may run at the same time. */
  concurrency: number
  /** Transforms that may wait for a slot; one more is refused. */
  queue: number
}

export type TransformGateStats = {
  running: number
  waiting: number
  /** The most transforms that ever ran at the same time. */
  peakRunning: number
  /** Transforms that ran to the end, failed or not. */
  finished: number
  refused: number
}

export type GateResult<T> = { ok: true; value: T } | { ok: false; reason: 'busy' }

export type TransformGate = {
  run<T>(task: () => Promise<T>): Promise<GateResult<T>>
  stats(): TransformGateStats
}

export function createTransformGate(limits: TransformGateLimits): TransformGate {
  const concurrency = Math.max(1, Math.floor(limits.concurrency))
  const queueLimit = Math.max(0, Math.floor(limits.queue))
  const waiting: Array<() => void> = []
  const stats: TransformGateStats = { running: 0, waiting: 0, peakRunning: 0, finished: 0, refused: 0 }

  // A finished transform hands its slot straight to the next waiter, still counted as running, so no caller
  // that arrives in between can take it too.
  const release = (): void => {
    stats.finished += 1
    const next = waiting.shift()
    stats.waiting = waiting.length
    if (next) next()
    else stats.running -= 1
  }

  return {
    async run(task) {
      if (stats.running >= concurrency) {
        if (waiting.length >= queueLimit) {
          stats.refused += 1
          return { ok: false, reason: 'busy' }
        }
        await new Promise<void>((resolve) => {
          waiting.push(resolve)
          stats.waiting = waiting.length
        })
      } else {
        stats.running += 1
      }
      stats.peakRunning = Math.max(stats.peakRunning, stats.running)
      try {
        return { ok: true, value: await task() }
      } finally {
        release()
      }
    },
    stats: () => ({ ...stats }),
  }
}
