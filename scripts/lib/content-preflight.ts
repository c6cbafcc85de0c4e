// Before a build or a start in hosted configuration: one quick query, so a content store that cannot be reached
// fails in seconds with what to check, instead of `next build` spending minutes in socket time-outs.
import { createClient } from '@sanity/client'
import { SANITY_API_VERSION } from '../../lib/content/api-version.ts'
import { HOSTED_API_HOST, usesProjectHostname } from '../../lib/config/api-host.ts'

const PREFLIGHT_TIMEOUT_MS = 5_000

export type ContentStoreSettings = {
  projectId: string
  dataset: string
  apiHost: string | undefined
  token: string | undefined
}

export class ContentStoreUnreachableError extends Error {
  override name = 'ContentStoreUnreachableError'
}

/** Throws ContentStoreUnreachableError naming the URL it tried and the variables that decide it. */
export async function assertContentStoreReachable(settings: ContentStoreSettings): Promise<void> {
  const apiHost = settings.apiHost ?? HOSTED_API_HOST
  const useProjectHostname = usesProjectHostname(apiHost)
  const client = createClient({
    projectId: settings.projectId,
    dataset: settings.dataset,
    apiHost,
    useProjectHostname,
    apiVersion: SANITY_API_VERSION,
    useCdn: false,
    token: settings.token,
    timeout: PREFLIGHT_TIMEOUT_MS,
    maxRetries: 0,
  })
  const host = useProjectHostname ? apiHost.replace('://', `://${settings.projectId}.`) : apiHost
  try {
    await client.fetch('count(*[_type == "post"])', {}, { signal: AbortSignal.timeout(PREFLIGHT_TIMEOUT_MS) })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ContentStoreUnreachableError(
      `Cannot read from the content store at ${host} (dataset "${settings.dataset}"): ${reason}. ` +
        'Check SANITY_PROJECT_ID, SANITY_DATASET, SANITY_API_HOST and SANITY_API_READ_TOKEN.',
      { cause: error },
    )
  }
}
