// Asks the cache front to fetch pages again now instead of at the end of its micro-cache lifetime (up to 2 s with
// nginx, whose cache times count in whole seconds). The front treats a request that carries the shared secret as a
// cache bypass and stores the answer: nginx's standard `proxy_cache_bypass`, no purge module needed.
// Called by the cache handler once a revalidation has reached Redis (a route's revalidateTag completes only after its
// response, so the route itself cannot know when the front may fetch). Loaded outside Next's bundle: relative imports.
import { z } from 'zod'
import { listFrontPathsFor } from '../content/front-paths.ts'

export const FRONT_REFRESH_HEADER = 'x-front-refresh'
const REFRESH_TIMEOUT_MS = 3_000
/** The front keeps a gzip and an identity copy of each page. */
const ENCODINGS = ['gzip', 'identity'] as const

export type FrontRefreshTarget = { url: string; secret: string }

const frontSettingsSchema = z.object({
  CACHE_FRONT_URL: z.url({ protocol: /^https?$/ }),
  CACHE_FRONT_SECRET: z.string().min(16, 'at least 16 characters'),
})

/** `undefined` when neither variable is set; throws naming them when only one is, or one is malformed. */
export function parseFrontRefreshTarget(
  source: Record<string, string | undefined>,
): FrontRefreshTarget | undefined {
  const url = source.CACHE_FRONT_URL || undefined
  const secret = source.CACHE_FRONT_SECRET || undefined
  if (url === undefined && secret === undefined) return undefined
  const parsed = frontSettingsSchema.safeParse({ CACHE_FRONT_URL: url, CACHE_FRONT_SECRET: secret })
  if (!parsed.success)
    throw new Error(`Invalid cache front settings (set both or neither):\n${z.prettifyError(parsed.error)}`)
  return { url: parsed.data.CACHE_FRONT_URL, secret: parsed.data.CACHE_FRONT_SECRET }
}

/** Best effort: a front that is down only means readers see the change a second later. */
export async function refreshFrontFor(target: FrontRefreshTarget, tags: readonly string[]): Promise<void> {
  const paths = listFrontPathsFor(tags)
  const results = await Promise.allSettled(
    paths.flatMap((path) =>
      ENCODINGS.map(async (encoding) => {
        const response = await fetch(new URL(path, target.url), {
          headers: { [FRONT_REFRESH_HEADER]: target.secret, 'accept-encoding': encoding },
          signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
        })
        await response.body?.cancel()
      }),
    ),
  )
  const failed = results.filter((result) => result.status === 'rejected').length
  if (failed > 0)
    console.warn(`front refresh: ${failed} of ${results.length} requests to ${target.url} failed`)
}
