import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

describe('the built Studio served from the lake', () => {
  let lake: TestLake
  beforeAll(async () => {
    const studioDir = mkdtempSync(join(tmpdir(), 'studio-'))
    mkdirSync(join(studioDir, 'static'))
    writeFileSync(join(studioDir, 'index.html'), '<!doctype html><title>Studio</title>')
    writeFileSync(join(studioDir, 'static', 'sanity-abc123.js'), 'console.log("studio")')
    lake = await startTestLake({ storage: 'memory', studioDir })
  })
  afterAll(() => lake.stop())

  const get = (path: string) => fetch(`${lake.lake.url}${path}`, { redirect: 'manual' })

  it('redirects /studio to /studio/ and serves the index there, never cached', async () => {
    const bare = await get('/studio')
    expect(bare.status).toBe(308)
    expect(bare.headers.get('location')).toBe('/studio/')
    const index = await get('/studio/')
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toMatch(/^text\/html/)
    expect(index.headers.get('cache-control')).toBe('no-cache')
    expect(await index.text()).toContain('<title>Studio</title>')
  })

  it('serves hashed assets as immutable scripts', async () => {
    const script = await get('/studio/static/sanity-abc123.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(script.headers.get('cache-control')).toContain('immutable')
    expect(await script.text()).toBe('console.log("studio")')
  })

  it('answers the Studio’s own routes with the index, so deep links and reloads work', async () => {
    const deep = await get('/studio/structure/post;post-1')
    expect(deep.status).toBe(200)
    expect(await deep.text()).toContain('<title>Studio</title>')
  })

  it('never serves a file from outside the Studio folder', async () => {
    for (const path of ['/studio/../tokens.json', '/studio/%2e%2e/tokens.json', '/studio/..%2Ftokens.json']) {
      const response = await get(path)
      const text = await response.text()
      expect(text).not.toContain('"tokens"')
    }
  })
})
