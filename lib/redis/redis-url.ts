// REDIS_URL is read in three places that cannot share lib/config/env.ts (which is server-only): next.config.ts,
// the cache handler Next loads outside its bundle, and env.ts itself. All three parse it here, so a malformed
// value is the same start-up error everywhere.
import { z } from 'zod'

const redisUrlSchema = z.url({ protocol: /^rediss?$/, error: 'a redis:// or rediss:// URL' })

export class RedisUrlError extends Error {
  override name = 'RedisUrlError'
}

/** `undefined` (or empty) means no Redis: one instance with its own caches. Throws naming REDIS_URL otherwise. */
export function parseRedisUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  const parsed = redisUrlSchema.safeParse(value)
  if (!parsed.success)
    throw new RedisUrlError(
      `Invalid REDIS_URL: ${z.prettifyError(parsed.error).replace(/^✖ /, '')} (got "${redactPassword(value)}")`,
    )
  return parsed.data
}

/** The URL without its password, for logs and errors. */
export function redactPassword(url: string): string {
  return url.replace(/^(\w+:\/\/[^:/@]*:)[^@]*@/, '$1***@')
}
