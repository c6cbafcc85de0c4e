// wrk (Debian's package) as the load generator where nginx is measured: a C event loop in its own process, which
// outruns nginx on this machine, where autocannon inside the benchmark's Node process topped out near 1,100 req/s.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'

const run = promisify(execFile)
const WRK_CANDIDATES = ['/usr/bin/wrk', '/usr/local/bin/wrk']

export type WrkFigures = {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  non2xx: number
  errors: number
}

export function findWrk(): string | null {
  return WRK_CANDIDATES.find((path) => existsSync(path)) ?? null
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 }

function readLatency(output: string, percentile: string): number {
  const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(output)
  return match?.[1] === undefined || match[2] === undefined
    ? Number.NaN
    : Number(match[1]) * (UNIT_MS[match[2]] ?? 1)
}

/** One wrk run: `threads` load threads, `connections` kept open, for `seconds`. */
export async function runWrk(options: {
  url: string
  connections: number
  seconds: number
  threads?: number
  gzip: boolean
  /** A Lua script for wrk's `-s`, e.g. one whose `delay()` gives each connection a reader's think time. */
  scriptPath?: string
  /** wrk counts a slower answer as a timeout and leaves it out of the latencies (its default is 2 s). */
  timeoutSeconds?: number
}): Promise<WrkFigures> {
  const binary = findWrk()
  if (binary === null) throw new Error('wrk is not installed (apt-get install wrk)')
  const threads = Math.min(options.threads ?? 1, options.connections)
  const { stdout } = await run(binary, [
    `-t${threads}`,
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    ...(options.scriptPath === undefined ? [] : ['-s', options.scriptPath]),
    ...(options.timeoutSeconds === undefined ? [] : ['--timeout', `${options.timeoutSeconds}s`]),
    ...(options.gzip ? ['-H', 'Accept-Encoding: gzip'] : []),
    options.url,
  ])
  const requests = /Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1]
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout)
  return {
    requestsPerSecond: Number(requests ?? Number.NaN),
    p50Ms: readLatency(stdout, '50'),
    p99Ms: readLatency(stdout, '99'),
    non2xx: Number(non2xx ?? 0),
    errors: socketErrors === null ? 0 : socketErrors.slice(1).reduce((sum, value) => sum + Number(value), 0),
  }
}
