import 'server-only'
import { createHash, timingSafeEqual } from 'node:crypto'
import { env } from '@/lib/config/env'

/** True only when SANITY_PREVIEW_SECRET is set and `given` matches it (compared in constant time). */
export function isPreviewSecret(given: string): boolean {
  const expected = env.sanity.previewSecret
  if (expected === undefined) return false
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()
  return timingSafeEqual(digest(given), digest(expected))
}
