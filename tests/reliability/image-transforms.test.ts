// Issue #14: image transforms cost CPU for anyone who can type a URL. The lake caps what a transform may make,
// keeps each variant on disk once made, and bounds how many transforms run at once.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import type { StartLakeOptions } from '@/sanity/lake/server'
import { startTestLake, type TestLake } from '../support/lake.ts'

const lakes: TestLake[] = []
afterEach(async () => {
  for (const lake of lakes.splice(0)) await lake.stop()
})

async function aLake(options: Partial<StartLakeOptions> = {}): Promise<TestLake> {
  const lake = await startTestLake({ storage: 'memory', tlsPort: null, ...options })
  lakes.push(lake)
  return lake
}

/** Noise compresses badly, so each transform of it does real work. */
async function uploadNoise(lake: TestLake, width: number, height: number): Promise<string> {
  const png = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer()
  return (await lake.editor.assets.upload('image', png)).url
}

async function fetchImage(url: string) {
  const response = await fetch(url)
  const bytes = Buffer.from(await response.arrayBuffer())
  return { response, bytes }
}

describe('image transforms under abuse', () => {
  it('never makes an image larger than its source, whatever size is asked for', async () => {
    const lake = await aLake()
    const url = await uploadNoise(lake, 400, 300)
    for (const query of ['w=8192&h=8192&fit=scale', 'w=2048&h=2048&fm=avif', 'w=8192&h=4096&fit=crop']) {
      const { response, bytes } = await fetchImage(`${url}?${query}`)
      expect(response.status, query).toBe(200)
      const { width = 0, height = 0 } = await sharp(bytes).metadata()
      expect(width, query).toBeLessThanOrEqual(400)
      expect(height, query).toBeLessThanOrEqual(300)
    }
    // A box bigger than the source keeps its shape: 2:1 asked, 2:1 given, within 400×300.
    const { bytes } = await fetchImage(`${url}?w=8192&h=4096&fit=crop&fm=png`)
    const cropped = await sharp(bytes).metadata()
    expect([cropped.width, cropped.height]).toEqual([400, 200])
  })

  it('serves the same variant again from disk without transforming it twice', async () => {
    const lake = await aLake()
    const url = await uploadNoise(lake, 400, 300)
    const first = await fetchImage(`${url}?w=200&h=100&fit=crop&fm=webp`)
    expect(first.response.headers.get('x-lake-transform')).toBe('sharp')
    expect(first.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const afterFirst = lake.lake.imageStats()
    expect(afterFirst.finished).toBe(1)

    // The same parameters in another order, with a leading zero, are the same variant.
    const second = await fetchImage(`${url}?fm=webp&fit=crop&h=0100&w=200`)
    expect(second.response.status).toBe(200)
    expect(second.response.headers.get('x-lake-transform')).toBe('stored')
    expect(second.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(second.bytes.equals(first.bytes)).toBe(true)
    expect(lake.lake.imageStats()).toMatchObject({ finished: 1, served: { stored: 1, made: 1 } })

    const variants = await readdir(join(lake.dataDir, 'assets', '.variants', 'production'))
    expect(variants.filter((name) => name.endsWith('.webp'))).toHaveLength(1)
    expect(variants.filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('keeps variants across a restart of the lake', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'reliability-variants-'))
    try {
      const first = await startTestLake({ storage: 'disk', tlsPort: null, dataDir })
      const url = await uploadNoise(first, 300, 200)
      await fetchImage(`${url}?w=150&fm=png`)
      await first.stop()

      const second = await aLake({ storage: 'disk', dataDir })
      const again = await fetchImage(`${second.lake.url}${new URL(url).pathname}?w=150&fm=png`)
      expect(again.response.headers.get('x-lake-transform')).toBe('stored')
      expect(second.lake.imageStats().finished).toBe(0)
      await second.stop()
      lakes.splice(lakes.indexOf(second), 1)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('runs no more distinct transforms at once than its bound, however many arrive together', async () => {
    const lake = await aLake({ imageTransforms: { concurrency: 2, queue: 64 } })
    const url = await uploadNoise(lake, 1000, 750)
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const { response } = await fetchImage(`${url}?w=${900 + index}&fm=webp`)
        return response.status
      }),
    )
    expect(statuses).toEqual(statuses.map(() => 200))
    const stats = lake.lake.imageStats()
    expect(stats.finished).toBe(12)
    expect(stats.peakRunning).toBeGreaterThanOrEqual(1)
    expect(stats.peakRunning).toBeLessThanOrEqual(2)
    expect(stats).toMatchObject({ running: 0, waiting: 0, refused: 0 })
  })

  it('answers 503 with Retry-After once the queue is full, and the refused URL works later', async () => {
    const lake = await aLake({ imageTransforms: { concurrency: 1, queue: 1 } })
    const url = await uploadNoise(lake, 1000, 750)
    const queries = Array.from({ length: 8 }, (_, index) => `w=${900 + index}&fm=webp`)
    const answers = await Promise.all(
      queries.map(async (query) => {
        const { response, bytes } = await fetchImage(`${url}?${query}`)
        return { query, status: response.status, retryAfter: response.headers.get('retry-after'), bytes }
      }),
    )
    expect(answers.every((answer) => answer.status === 200 || answer.status === 503)).toBe(true)
    const refused = answers.filter((answer) => answer.status === 503)
    expect(refused.length).toBeGreaterThan(0)
    expect(answers.length - refused.length).toBeGreaterThanOrEqual(2)
    for (const answer of refused) {
      expect(answer.retryAfter).toBe('1')
      expect(JSON.parse(answer.bytes.toString('utf8'))).toMatchObject({ statusCode: 503 })
    }
    const stats = lake.lake.imageStats()
    expect(stats.refused).toBe(refused.length)
    expect(stats.peakRunning).toBe(1)

    const retried = refused[0]
    if (retried === undefined) throw new Error('nothing was refused')
    expect((await fetchImage(`${url}?${retried.query}`)).response.status).toBe(200)
  })
})
