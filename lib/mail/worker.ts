// Runs the outbox on a timer and on demand. One run at a time per process; a kick during a run queues one more.

export type OutboxWorker = {
  start(): void
  /** Runs now (or right after the current run) and resolves when that run ends. */
  kick(): Promise<void>
  stop(): Promise<void>
}

export function createOutboxWorker(options: {
  /** One pass; resolves `true` when it filled its batch and more work may be waiting. */
  runOnce: () => Promise<boolean>
  intervalMs: number
  onError: (error: unknown) => void
}): OutboxWorker {
  let timer: ReturnType<typeof setInterval> | undefined
  let current: Promise<void> | undefined
  let again = false

  const run = (): Promise<void> => {
    if (current !== undefined) {
      again = true
      return current
    }
    current = (async () => {
      // A backlog (a burst of comments, SMTP back after an outage) drains batch after batch,
      // not one batch per timer tick.
      do {
        again = false
        try {
          if (await options.runOnce()) again = true
        } catch (error) {
          options.onError(error)
        }
      } while (again)
    })().finally(() => {
      current = undefined
    })
    return current
  }

  return {
    start() {
      if (timer !== undefined) return
      timer = setInterval(() => void run(), options.intervalMs)
      // The worker never keeps a process alive on its own (tests, `next build`).
      timer.unref()
      void run()
    },
    kick: run,
    async stop() {
      if (timer !== undefined) clearInterval(timer)
      timer = undefined
      await current
    },
  }
}
