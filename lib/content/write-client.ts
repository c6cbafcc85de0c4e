import 'server-only'
import { createClient, type SanityClient } from '@sanity/client'
import { env } from '@/lib/config/env'
import { SANITY_API_VERSION } from '@/lib/content/api-version'

export class MissingWriteTokenError extends Error {
  override name = 'MissingWriteTokenError'
}

let client: SanityClient | undefined

/**
 * The token-bearing client for comments, moderation and the mail outbox; uncached. It reads the raw perspective:
 * comment and outbox ids are dotted (`comment.<uuid>`), and the embedded lake's `published` perspective leaves
 * every dotted id out. Queries that can meet drafts exclude them themselves.
 * Throws MissingWriteTokenError when SANITY_API_WRITE_TOKEN is not set.
 */
export function getWriteClient(): SanityClient {
  if (client !== undefined) return client
  const token = env.sanity.writeToken
  if (token === undefined) {
    throw new MissingWriteTokenError('SANITY_API_WRITE_TOKEN is not set, so comments cannot be stored.')
  }
  client = createClient({
    projectId: env.sanity.projectId,
    dataset: env.sanity.dataset,
    apiHost: env.sanity.apiHost,
    useProjectHostname: env.sanity.useProjectHostname,
    apiVersion: SANITY_API_VERSION,
    useCdn: false,
    token,
    perspective: 'raw',
  })
  return client
}
