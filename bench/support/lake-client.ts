// A @sanity/client for a lake the benchmark started: the same client the blog and the Studio use.
import { createClient, type SanityClient } from '@sanity/client'
import { LOCAL_DATASET, LOCAL_PROJECT_ID } from '../../scripts/lib/local-lake.ts'

export function createLakeClient(lakeUrl: string, token: string): SanityClient {
  return createClient({
    projectId: LOCAL_PROJECT_ID,
    dataset: LOCAL_DATASET,
    apiHost: lakeUrl,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    token,
  })
}
