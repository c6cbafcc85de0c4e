// The process tree behind `npm start` and `npm run start:stack`: children are stopped in reverse start order on
// Ctrl-C (or when one of them dies), and in-process services are closed after them.
import type { ManagedChild } from './child.ts'
import { stopChild } from './child.ts'

export type Supervisor = {
  /** Keeps `child` running: if it exits on its own, everything stops with status 1. */
  watch(child: ManagedChild): ManagedChild
  /**
   * Starts a child and starts it again whenever it dies, as a process manager does for a site instance: the front
   * sends readers to the others meanwhile. Returns the first child.
   */
  keepRunning(start: () => ManagedChild): ManagedChild
  /** Closed after every child has stopped (the in-process mail catcher, for example). */
  onStop(close: () => Promise<void>): void
  stopAll(code: number): Promise<never>
}

export function createSupervisor(): Supervisor {
  const running: ManagedChild[] = []
  const closers: Array<() => Promise<void>> = []
  let stopping = false

  const stopAll = async (code: number): Promise<never> => {
    stopping = true
    for (const child of running.reverse()) await stopChild(child)
    for (const close of closers.reverse()) await close().catch(() => undefined)
    process.exit(code)
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return
      process.stdout.write(`\nStopping (${signal})…\n`)
      void stopAll(0)
    })
  }

  return {
    watch(child) {
      running.push(child)
      void child.exited.then((status) => {
        if (stopping) return
        process.stderr.write(`${child.name} stopped unexpectedly (${status}); stopping everything.\n`)
        void stopAll(1)
      })
      return child
    },
    keepRunning(start) {
      const launch = (): ManagedChild => {
        const child = start()
        running.push(child)
        void child.exited.then((status) => {
          if (stopping) return
          process.stderr.write(`${child.name} stopped unexpectedly (${status}); starting it again.\n`)
          launch()
        })
        return child
      }
      return launch()
    },
    onStop(close) {
      closers.push(close)
    },
    stopAll,
  }
}

/** The lines `npm start` and `npm run start:stack` print once everything answers. */
export function printReady(title: string, lines: readonly (readonly [string, string])[]): void {
  const width = Math.max(13, ...lines.map(([name]) => name.length))
  process.stdout.write(
    [
      '',
      title,
      ...lines.map(([name, url]) => `  ${name.padEnd(width)} ${url}`),
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  )
}
