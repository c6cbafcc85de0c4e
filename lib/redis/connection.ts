// One Redis connection per purpose per process, shared by every Next bundle that asks (route handlers, actions
// and the cache handler each get their own module instances). It never blocks a reader: commands fail fast while
// Redis is away, the client reconnects on its own, and the outage is logged once, not per request.
import { createClient, type RedisClientType } from '@redis/client'
import { redactPassword } from './redis-url.ts'

export type RedisConnection = {
  client: RedisClientType
  /** True while commands can be sent; callers fall back to local state otherwise. */
  isReady(): boolean
  /**
   * Whether commands can be sent, waiting up to `timeoutMs` while a new connection is still coming up (the first
   * requests of a process). During a known outage it answers false at once: nobody waits for a Redis that is away.
   */
  waitUntilReady(timeoutMs: number): Promise<boolean>
}

/** The page cache's connection (lib/cache/redis-cache-handler.ts), also asked by the revalidation route. */
export const PAGE_CACHE_CONNECTION = 'page cache'

/** How long one command may take before the caller falls back; a page never waits longer for Redis. */
export const REDIS_COMMAND_TIMEOUT_MS = 500
const CONNECT_TIMEOUT_MS = 1_000
const MAX_RECONNECT_DELAY_MS = 2_000

type ConnectionHolder = { [key: symbol]: RedisConnection | undefined }

/** `purpose` names the connection in logs ("cache", "rate limits") and keys the per-process singleton. */
export function getRedisConnection(url: string, purpose: string): RedisConnection {
  const key = Symbol.for(`lakeside.redis.${purpose}.${url}`)
  const holder = globalThis as typeof globalThis & ConnectionHolder
  holder[key] ??= openConnection(url, purpose)
  return holder[key]
}

function openConnection(url: string, purpose: string): RedisConnection {
  const where = redactPassword(url)
  let outage: string | null = null
  const client: RedisClientType = createClient({
    url,
    // Queued commands would make a reader wait for a Redis that may never come back.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
  })
  client.on('error', (error: unknown) => {
    const reason = error instanceof Error ? error.message || error.name : String(error)
    if (outage !== null) return
    outage = reason
    console.warn(
      `[redis] ${purpose}: ${where} is unreachable (${reason}); this instance uses its own memory until it is back.`,
    )
  })
  client.on('ready', () => {
    if (outage === null) return
    outage = null
    console.warn(`[redis] ${purpose}: ${where} is back.`)
  })
  // Not awaited: the first requests are served from local state while the connection comes up.
  client.connect().catch(() => {
    // Reported through the 'error' event; the client keeps reconnecting.
  })
  const firstReady = new Promise<void>((resolve) => client.once('ready', () => resolve()))
  return {
    client,
    isReady: () => client.isReady,
    async waitUntilReady(timeoutMs) {
      if (client.isReady) return true
      if (outage !== null) return false
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
      await Promise.race([firstReady, timedOut])
      clearTimeout(timer)
      return client.isReady
    },
  }
}
