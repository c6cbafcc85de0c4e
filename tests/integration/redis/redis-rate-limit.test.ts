// The Redis limiter against a real redis-server: the shared contract, one budget for several instances, and what
// happens while Redis is away.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRedisConnection, type RedisConnection } from '@/lib/redis/connection'
import { createMemoryRateLimiter } from '@/lib/security/rate-limit'
import { createRedisRateLimiter } from '@/lib/security/redis-rate-limit'
import { describeRateLimiterContract } from '../../support/contracts/rate-limiter.contract'
import { startTestRedis, type TestRedis } from '../../support/redis'

let redis: TestRedis
const connections: RedisConnection[] = []
beforeAll(async () => {
  redis = await startTestRedis()
})
afterAll(async () => {
  for (const connection of connections) connection.client.destroy()
  await redis.stop()
})

/** A connection of its own, as a second site instance would have. */
async function connect(instance: string): Promise<RedisConnection> {
  const connection = getRedisConnection(redis.url, `test ${instance}`)
  connections.push(connection)
  await poll(() => connection.isReady(), `instance ${instance} to connect`)
  return connection
}

async function poll(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`gave up waiting for ${what}`)
}

const limiterOn = (connection: RedisConnection) =>
  createRedisRateLimiter({ connection, fallback: createMemoryRateLimiter(), newId: randomUUID })

describeRateLimiterContract('redis', async () => limiterOn(await connect('contract')))

describe('createRedisRateLimiter', () => {
  it('shares one budget between instances, atomically under concurrent hits', async () => {
    const instances = [limiterOn(await connect('one')), limiterOn(await connect('two'))]
    const key = `global:${randomUUID()}`
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        instances[index % 2]?.consume([{ key, limit: 25, windowMs: 60_000 }], Date.now()),
      ),
    )
    expect(decisions.filter((decision) => decision?.ok)).toHaveLength(25)
  })

  it('falls back to its own memory while Redis is away, and shares again once it is back', async () => {
    const connection = await connect('outage')
    const limiter = limiterOn(connection)
    const key = `ip:${randomUUID()}`
    const once = [{ key, limit: 1, windowMs: 60_000 }]
    expect(await limiter.consume(once, Date.now())).toEqual({ ok: true })
    await redis.pause()
    try {
      await poll(() => !connection.isReady(), 'the client to notice')
      // The fallback has its own empty budget: a reader can still comment, nothing waits for Redis.
      const started = Date.now()
      expect(await limiter.consume(once, Date.now())).toEqual({ ok: true })
      expect(Date.now() - started).toBeLessThan(1_000)
    } finally {
      await redis.start()
    }
    await poll(() => connection.isReady(), 'the client to reconnect', 15_000)
    // The budget spent before the outage is Redis's again (snapshotted when the test server stopped).
    const other = `ip:${randomUUID()}`
    expect(await limiter.consume([{ key: other, limit: 1, windowMs: 60_000 }], Date.now())).toEqual({
      ok: true,
    })
    expect(
      (
        await limiterOn(await connect('after')).consume(
          [{ key: other, limit: 1, windowMs: 60_000 }],
          Date.now(),
        )
      ).ok,
    ).toBe(false)
  })
})
