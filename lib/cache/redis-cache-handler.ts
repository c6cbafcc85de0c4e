// Next's cache handler when REDIS_URL is set (next.config.ts): every instance reads and writes pages and fetched
// content in one Redis, so a revalidateTag on any instance is seen by all. Next loads this file itself, outside its
// bundle, so it imports only relative modules and packages, and reads REDIS_URL through the shared parser.
//
// Built on @fortedigital/nextjs-cache-handler: its redis-strings handler stores entries and tag maps, and its
// CacheHandler reads handlers in order, skipping one that throws. The in-memory handler after Redis is what keeps
// readers served while Redis is away: the Redis handler refuses at once when the client is not ready.
import { CacheHandler } from '@fortedigital/nextjs-cache-handler'
import createLruHandler from '@fortedigital/nextjs-cache-handler/local-lru'
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings'
import { parseFrontRefreshTarget, refreshFrontFor } from './front-refresh.ts'
import { getRedisConnection, PAGE_CACHE_CONNECTION, REDIS_COMMAND_TIMEOUT_MS } from '../redis/connection.ts'
import { parseRedisUrl } from '../redis/redis-url.ts'

const BUILD_PHASE = 'phase-production-build'

// eslint-disable-next-line no-restricted-properties -- loaded by Next outside lib/config/env.ts's bundle
const { NEXT_PHASE, REDIS_URL, CACHE_FRONT_URL, CACHE_FRONT_SECRET } = process.env
const isBuild = NEXT_PHASE === BUILD_PHASE
const front = parseFrontRefreshTarget({ CACHE_FRONT_URL, CACHE_FRONT_SECRET })

CacheHandler.onCreation(({ buildId }) => {
  const local = createLruHandler()
  const url = parseRedisUrl(REDIS_URL)
  // `next build` prerenders from its own memory: a build must not depend on, or write into, the live cache.
  if (url === undefined || isBuild) return { handlers: [local] }
  const { client } = getRedisConnection(url, PAGE_CACHE_CONNECTION)
  const shared = createRedisHandler({
    // Commands already sent are abandoned after the timeout too, so a Redis that hangs cannot hold a page.
    client: client.withCommandOptions({ timeout: REDIS_COMMAND_TIMEOUT_MS, rejectInFlight: true }),
    // Pages of one build must never be served by another: their script and style hashes differ.
    keyPrefix: `lakeside:${buildId ?? 'dev'}:`,
    timeoutMs: REDIS_COMMAND_TIMEOUT_MS,
  })
  return { handlers: [shared, local] }
})

/** After a revalidation has reached Redis, the cache front may fetch the changed pages again. */
class FrontRefreshingCacheHandler extends CacheHandler {
  override async revalidateTag(tag: string | string[]): Promise<void> {
    await super.revalidateTag(tag)
    if (front !== undefined && !isBuild) await refreshFrontFor(front, typeof tag === 'string' ? [tag] : tag)
  }
}

export default FrontRefreshingCacheHandler
