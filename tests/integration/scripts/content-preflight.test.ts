// Hosted configuration before a build: a content store that cannot be reached fails in seconds, saying what to check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertContentStoreReachable, ContentStoreUnreachableError } from '@/scripts/lib/content-preflight'
import { startTestLake, type TestLake } from '../../support/lake'
import { freeLoopbackPort } from '../../support/redis'

let lake: TestLake
beforeAll(async () => {
  lake = await startTestLake({ storage: 'memory', tlsPort: null })
})
afterAll(async () => {
  await lake.stop()
})

describe('assertContentStoreReachable', () => {
  it('passes for a store that answers (the lake standing in for hosted Sanity)', async () => {
    await expect(
      assertContentStoreReachable({
        projectId: lake.lake.projectId,
        dataset: lake.lake.dataset,
        apiHost: lake.lake.url,
        token: lake.lake.tokens.viewer,
      }),
    ).resolves.toBeUndefined()
  })

  it('fails at once for a host nobody answers on, naming it and the variables to check', async () => {
    const apiHost = `http://127.0.0.1:${await freeLoopbackPort()}`
    const started = Date.now()
    const failure = await assertContentStoreReachable({
      projectId: 'hostedp',
      dataset: 'production',
      apiHost,
      token: undefined,
    }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(ContentStoreUnreachableError)
    expect(String(failure)).toContain(apiHost)
    expect(String(failure)).toMatch(
      /SANITY_PROJECT_ID, SANITY_DATASET, SANITY_API_HOST and SANITY_API_READ_TOKEN/,
    )
    // Not minutes of socket time-outs: the check gives up within its own 5 s.
    expect(Date.now() - started).toBeLessThan(6_000)
  })

  it('puts the project id in front of Sanity’s own host only', async () => {
    const failure = await assertContentStoreReachable({
      projectId: 'hostedp',
      dataset: 'production',
      apiHost: 'http://127.0.0.1:9',
      token: undefined,
    }).catch((error: unknown) => error)
    expect(String(failure)).toContain('http://127.0.0.1:9 ')
    expect(String(failure)).not.toContain('hostedp.127.0.0.1')
  })
})
