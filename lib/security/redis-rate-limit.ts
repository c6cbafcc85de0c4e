// The burst budgets of lib/security/rate-limit.ts kept in Redis, so several site instances share one budget and a
// restart forgets nothing. Check-and-record runs as one Lua script: Redis executes it atomically, so two instances
// can never both take the last slot.
import type { RedisConnection } from '@/lib/redis/connection'
import { REDIS_COMMAND_TIMEOUT_MS } from '@/lib/redis/connection'
import type { RateDecision, RateLimiter, RateRequest } from '@/lib/security/rate-limit'

/** The `{…}` hash tag keeps every budget in one cluster slot, which a multi-key script needs. */
const KEY_PREFIX = '{lakeside-rate}:'

// KEYS: one sorted set of hit times per key and window. ARGV: now, a unique member, then limit and window per key.
// The same sliding log as the in-memory limiter: a hit counts while it is younger than the window.
const CONSUME_SCRIPT = `
local now = tonumber(ARGV[1])
local refused = 0
local wait = -1
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + 2 * i])
  local window = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count > 0 and count >= limit then
    local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
    local retry = oldest + window - now
    if retry > wait then
      wait = retry
      refused = i
    end
  end
end
if refused > 0 then return {refused, wait} end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, tonumber(ARGV[2 + 2 * i]))
end
return {0, 0}
`

export type RedisRateLimiterDeps = {
  connection: RedisConnection
  /** Serves while Redis is away: each instance then keeps its own budgets, so readers can still comment. */
  fallback: RateLimiter
  newId: () => string
}

export function createRedisRateLimiter(deps: RedisRateLimiterDeps): RateLimiter {
  return {
    async consume(requests, now) {
      if (requests.length === 0) return { ok: true }
      if (!(await deps.connection.waitUntilReady(REDIS_COMMAND_TIMEOUT_MS)))
        return deps.fallback.consume(requests, now)
      try {
        return toDecision(await runScript(deps, requests, now), requests)
      } catch {
        // The connection's own error handler has said what is wrong; one refusal here would be a lost comment.
        return deps.fallback.consume(requests, now)
      }
    },
  }
}

async function runScript(deps: RedisRateLimiterDeps, requests: readonly RateRequest[], now: number) {
  const reply = deps.connection.client.eval(CONSUME_SCRIPT, {
    keys: requests.map(({ key, windowMs }) => `${KEY_PREFIX}${key}|${windowMs}`),
    arguments: [
      String(now),
      `${now}:${deps.newId()}`,
      ...requests.flatMap(({ limit, windowMs }) => [String(limit), String(windowMs)]),
    ],
  })
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Redis did not answer in time')), REDIS_COMMAND_TIMEOUT_MS)
  })
  try {
    return await Promise.race([reply, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function toDecision(reply: unknown, requests: readonly RateRequest[]): RateDecision {
  if (!Array.isArray(reply) || reply.length !== 2) throw new Error('Unexpected rate-limit script reply')
  const [refused, wait] = reply.map(Number)
  if (refused === undefined || wait === undefined || refused === 0) return { ok: true }
  const request = requests[refused - 1]
  if (request === undefined) throw new Error('Unexpected rate-limit script reply')
  return { ok: false, retryAfterMs: wait, key: request.key }
}
