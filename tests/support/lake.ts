import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import { startLake, type RunningLake, type StartLakeOptions } from '../../sanity/lake/server.ts'

export type TestLake = {
  lake: RunningLake
  dataDir: string
  editor: SanityClient
  viewer: SanityClient
  anonymous: SanityClient
  clientFor(token: string | undefined): SanityClient
  stop(): Promise<void>
}

export const TEST_API_VERSION = '2025-02-19'

export function createLakeClient(
  lake: { url: string; projectId: string; dataset: string },
  token?: string,
): SanityClient {
  return createClient({
    projectId: lake.projectId,
    dataset: lake.dataset,
    apiHost: lake.url,
    useProjectHostname: false,
    apiVersion: TEST_API_VERSION,
    useCdn: false,
    token,
    maxRetries: 0,
  })
}

/** Starts a lake on an ephemeral port with a fresh temporary data dir. */
export async function startTestLake(options: Partial<StartLakeOptions> = {}): Promise<TestLake> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'lake-test-')))
  const lake = await startLake({ port: 0, ...options, dataDir })
  const clientFor = (token: string | undefined): SanityClient => createLakeClient(lake, token)
  return {
    lake,
    dataDir,
    editor: clientFor(lake.tokens.editor),
    viewer: clientFor(lake.tokens.viewer),
    anonymous: clientFor(undefined),
    clientFor,
    async stop() {
      await lake.close()
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}
