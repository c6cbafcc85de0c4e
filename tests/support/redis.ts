// A private redis-server for a test file: loopback, a free port, a temp folder; stopped by `stop()`.
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stopChild, type ManagedChild } from '../../scripts/lib/child.ts'
import { startRedisServer, waitForRedis } from '../../scripts/lib/redis-server.ts'

export type TestRedis = {
  url: string
  port: number
  /** Stops the server, keeping its port and folder, so `start()` brings the same Redis back. */
  pause(): Promise<void>
  start(): Promise<void>
  stop(): Promise<void>
}

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  await new Promise((done) => server.close(done))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** `port`: a port chosen beforehand (a client may already be trying it); default a free one. */
export async function startTestRedis(options: { port?: number } = {}): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'test-redis-'))
  const port = options.port ?? (await freeLoopbackPort())
  let child: ManagedChild | null = null
  const start = async () => {
    child = await startRedisServer({ dir, host: '127.0.0.1', port, quiet: true })
    await waitForRedis('127.0.0.1', port, 10_000, child)
  }
  const pause = async () => {
    if (child !== null) await stopChild(child)
    child = null
  }
  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pause,
    start,
    async stop() {
      await pause()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
