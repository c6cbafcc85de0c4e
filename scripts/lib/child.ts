import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

export type ManagedChild = {
  name: string
  process: ChildProcess
  /** Resolves with the exit code (or the signal's name) once the whole process group is gone. */
  exited: Promise<number | string>
}

export type StartChildOptions = {
  name: string
  command: string
  args: string[]
  env?: Record<string, string | undefined>
  cwd?: string
  /** Drop the child's output instead of prefixing it onto ours. */
  quiet?: boolean
}

/**
 * Starts a child in its own process group so that stopping it also stops whatever it spawned
 * (next build's workers, for example) and no orphan outlives `npm start`.
 */
export function startChild(options: StartChildOptions): ManagedChild {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', options.quiet ? 'ignore' : 'pipe', options.quiet ? 'ignore' : 'pipe'],
    detached: true,
  })
  prefixLines(child, options.name)
  const exited = once(child, 'exit').then(([code, signal]: unknown[]) =>
    typeof code === 'number' ? code : String(signal),
  )
  return { name: options.name, process: child, exited }
}

function prefixLines(child: ChildProcess, name: string): void {
  const label = `[${name}]`
  for (const [stream, sink] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (!stream) continue
    createInterface({ input: stream }).on('line', (line) => sink.write(`${label} ${line}\n`))
  }
}

/** Sends SIGTERM to the child's process group, then SIGKILL if it has not gone after `graceMs`. */
export async function stopChild(child: ManagedChild, graceMs = 5_000): Promise<void> {
  const pid = child.process.pid
  if (pid === undefined || child.process.exitCode !== null || child.process.signalCode !== null) return
  signalGroup(pid, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs)
  await child.exited
  clearTimeout(timer)
  // The leader may exit before its children: make sure nothing of the group is left behind.
  signalGroup(pid, 'SIGKILL')
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch (error) {
    // ESRCH: the group is already gone, which is what we want.
    if (!(error instanceof Error && 'code' in error && error.code === 'ESRCH')) throw error
  }
}

/** Runs a command to completion, failing with its exit status in the message. */
export async function runToCompletion(options: StartChildOptions): Promise<void> {
  const child = startChild(options)
  const status = await child.exited
  if (status !== 0) throw new Error(`${options.name} failed (exit ${status})`)
}

/** Polls `url` until it answers with any HTTP status, or fails after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, child?: ManagedChild): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  void child?.exited.then(() => {
    exited = true
  })
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child?.name ?? 'process'} exited before ${url} answered`)
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}
