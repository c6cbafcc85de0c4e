import 'server-only'
import { createClient, type ClientReturn, type QueryParams } from 'next-sanity'
import { assertNever } from '@/lib/assert-never'
import { env } from '@/lib/config/env'
import { SANITY_API_VERSION } from '@/lib/content/api-version'
import { CACHE_FALLBACK_SECONDS } from '@/lib/content/tags'

// The token stays on the server: the lake hides dotted ids from anonymous readers, and drafts need it.
const client = createClient({
  projectId: env.sanity.projectId,
  dataset: env.sanity.dataset,
  apiHost: env.sanity.apiHost,
  useProjectHostname: env.sanity.useProjectHostname,
  apiVersion: SANITY_API_VERSION,
  useCdn: false,
  token: env.sanity.readToken,
  perspective: 'published',
})

export class ContentSourceError extends Error {
  override name = 'ContentSourceError'
}

/**
 * `tagged`: the published perspective, cached until one of the tags is revalidated (or the fallback expires).
 * `draft`: draft mode, reads drafts and bypasses the cache. `fresh`: published, never cached (webhook look-ups).
 */
export type ReadMode = { cache: 'tagged'; tags: readonly string[] } | { cache: 'draft' } | { cache: 'fresh' }

export function toReadMode(draft: boolean, tags: readonly string[]): ReadMode {
  return draft ? { cache: 'draft' } : { cache: 'tagged', tags }
}

function toRequestOptions(mode: ReadMode) {
  switch (mode.cache) {
    case 'tagged':
      return { next: { revalidate: CACHE_FALLBACK_SECONDS, tags: [...mode.tags] } }
    case 'draft':
      return { perspective: 'drafts', cache: 'no-store', stega: false } as const
    case 'fresh':
      return { cache: 'no-store' } as const
    default:
      return assertNever(mode, 'read mode')
  }
}

/** Runs one GROQ query; throws ContentSourceError when the content source cannot answer. */
export async function fetchContent<const Query extends string>(
  query: Query,
  params: QueryParams,
  mode: ReadMode,
): Promise<ClientReturn<Query, unknown>> {
  try {
    return await client.fetch(query, params, toRequestOptions(mode))
  } catch (error) {
    const source = `${env.sanity.apiHost} (project ${env.sanity.projectId}, dataset ${env.sanity.dataset}, ${env.mode} mode)`
    const hint =
      env.mode === 'local'
        ? 'Start the local content lake (npm run lake) and import the demo content, or set SANITY_PROJECT_ID to use hosted Sanity.'
        : 'Check SANITY_PROJECT_ID, SANITY_DATASET and SANITY_API_READ_TOKEN.'
    const reason = error instanceof Error ? error.message : String(error)
    throw new ContentSourceError(`Could not read content from ${source}: ${reason}. ${hint}`, {
      cause: error,
    })
  }
}
