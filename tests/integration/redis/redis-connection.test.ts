// The shared Redis connection when Redis is not there at start: nothing waits for it, one warning names it, and the
// connection is ready as soon as Redis comes up, with no restart.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getRedisConnection } from '@/lib/redis/connection'
import { parseRedisUrl } from '@/lib/redis/redis-url'
import { freeLoopbackPort, startTestRedis, type TestRedis } from '../../support/redis'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  vi.restoreAllMocks()
})

async function poll(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`gave up waiting for ${what}`)
}

describe('getRedisConnection', () => {
  it('answers at once while Redis is unreachable, warns once, and is ready when Redis starts', async () => {
    const warnings: string[] = []
    vi.spyOn(console, 'warn').mockImplementation((line: unknown) => void warnings.push(String(line)))
    const port = await freeLoopbackPort()
    const url = `redis://127.0.0.1:${port}`
    const connection = getRedisConnection(url, 'start-up test')
    cleanups.push(() => connection.client.destroy())
    await poll(() => warnings.length > 0, 'the first warning')
    const started = Date.now()
    expect(await connection.waitUntilReady(500)).toBe(false)
    expect(Date.now() - started).toBeLessThan(100)
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`start-up test: ${url} is unreachable`))])

    const redis: TestRedis = await startTestRedis({ port })
    cleanups.push(() => redis.stop())
    await poll(() => connection.isReady(), 'the connection to come up')
    expect(await connection.client.ping()).toBe('PONG')
    expect(warnings.at(-1)).toMatch(/is back/)
    // However many reconnect attempts failed, the outage was reported once.
    expect(warnings.filter((line) => line.includes('unreachable'))).toHaveLength(1)
  })
})

describe('parseRedisUrl', () => {
  it('names REDIS_URL when it is malformed, and hides a password', () => {
    expect(() => parseRedisUrl('http://cache:6379')).toThrow(/Invalid REDIS_URL/)
    expect(() => parseRedisUrl('redis//nope')).toThrow(/REDIS_URL/)
    expect(() => parseRedisUrl('http://user:s3cret@cache:6379')).not.toThrow(/s3cret/)
    expect(parseRedisUrl('')).toBeUndefined()
    expect(parseRedisUrl('rediss://user:pw@cache.example:6380/0')).toBe(
      'rediss://user:pw@cache.example:6380/0',
    )
  })
})
