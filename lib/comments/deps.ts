import 'server-only'
import { randomUUID } from 'node:crypto'
import { revalidateTag } from 'next/cache'
import { env } from '@/lib/config/env'
import { getWriteClient } from '@/lib/content/write-client'
import { REVALIDATION_PROFILE, tags } from '@/lib/content/tags'
import type { ModerationDeps } from '@/lib/comments/moderate'
import { createSanityCommentStore, type CommentStore } from '@/lib/comments/store'
import type { SubmitDeps } from '@/lib/comments/submit'
import { getSigningKey } from '@/lib/security/keys'
import { getRedisConnection } from '@/lib/redis/connection'
import { createMemoryRateLimiter, type RateLimiter } from '@/lib/security/rate-limit'
import { createRedisRateLimiter } from '@/lib/security/redis-rate-limit'

// Next bundles route handlers, actions and instrumentation separately, so a module-level singleton could exist
// several times in one process; the limiter's budgets must be one.
const LIMITER_KEY = Symbol.for('lakeside.comments.rate-limiter')
type LimiterHolder = { [LIMITER_KEY]?: RateLimiter }

function getRateLimiter(): RateLimiter {
  const holder = globalThis as typeof globalThis & LimiterHolder
  holder[LIMITER_KEY] ??= createRateLimiter()
  return holder[LIMITER_KEY]
}

/** With REDIS_URL every instance shares one budget; without it, the budget is this process's. */
function createRateLimiter(): RateLimiter {
  const local = createMemoryRateLimiter()
  if (env.redisUrl === undefined) return local
  return createRedisRateLimiter({
    connection: getRedisConnection(env.redisUrl, 'rate limits'),
    fallback: local,
    newId: randomUUID,
  })
}

export function getCommentStore(): CommentStore {
  return createSanityCommentStore(getWriteClient(), randomUUID)
}

export function getSubmitDeps(): SubmitDeps {
  return {
    store: getCommentStore(),
    limiter: getRateLimiter(),
    now: () => new Date(),
    newId: randomUUID,
    keys: { formTimestamp: getSigningKey('form-timestamp'), ipHash: getSigningKey('ip-hash') },
    fallbackModerators: env.mail.moderatorEmails,
  }
}

export function getModerationDeps(): ModerationDeps {
  return {
    store: getCommentStore(),
    now: () => new Date(),
    key: getSigningKey('moderation-token'),
    revalidatePostComments: (postId) => revalidateTag(tags.postComments(postId), REVALIDATION_PROFILE),
  }
}
