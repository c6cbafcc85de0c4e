// Runs Debian's redis-server as a child on a loopback port, for the production-shaped stack and its tests.
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { type ManagedChild, startChild } from './child.ts'

const REDIS_CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server']

export function findRedisServer(): string | null {
  return REDIS_CANDIDATES.find((path) => existsSync(path)) ?? null
}

/** Snapshots go to `dir`, so budgets and cached pages survive a restart of Redis itself. */
export async function startRedisServer(options: {
  dir: string
  host: string
  port: number
  /** Tests: keep Redis's own lines out of their output. */
  quiet?: boolean
}): Promise<ManagedChild> {
  const binary = findRedisServer()
  if (binary === null)
    throw new Error(
      'redis-server is not installed: the stack needs it (Debian/Ubuntu: apt-get install redis-server)',
    )
  await mkdir(options.dir, { recursive: true })
  return startChild({
    name: 'redis',
    quiet: options.quiet,
    command: binary,
    args: [
      '--bind',
      options.host,
      '--port',
      String(options.port),
      '--dir',
      options.dir,
      '--save',
      '60 1',
      '--loglevel',
      'warning',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
      // Cached pages are the first to go when memory runs out; budgets carry a TTL and are small.
      '--maxmemory-policy',
      'allkeys-lru',
    ],
  })
}

/** Resolves once Redis answers PING on its port. */
export async function waitForRedis(
  host: string,
  port: number,
  timeoutMs: number,
  child: ManagedChild,
): Promise<void> {
  const { createConnection } = await import('node:net')
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`redis-server exited (${child.process.exitCode})`)
    const answered = await new Promise<boolean>((done) => {
      const socket = createConnection({ host, port }, () => socket.write('PING\r\n'))
      socket.setTimeout(500, () => socket.destroy())
      socket.once('data', (data) => {
        socket.destroy()
        done(data.toString().startsWith('+PONG'))
      })
      socket.once('error', () => done(false))
      socket.once('close', () => done(false))
    })
    if (answered) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`redis-server on ${host}:${port} did not answer within ${timeoutMs} ms`)
}
