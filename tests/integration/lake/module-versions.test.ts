import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

describe('the Studio’s version check, answered locally', () => {
  let lake: TestLake
  beforeAll(async () => {
    lake = await startTestLake({ storage: 'memory', tlsPort: null })
  })
  afterAll(() => lake.stop())

  it('reports the running version as the newest, so the Studio shows no update prompt', async () => {
    const response = await fetch(`${lake.lake.url}/v1/modules/sanity/latest/%5E6.16.0/t1790000000`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ latest: '6.16.0', packageVersion: '6.16.0' })
  })

  it('acknowledges crash reports without keeping them', async () => {
    const response = await fetch(`${lake.lake.url}/vX/intake/feedback`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(200)
  })
})
