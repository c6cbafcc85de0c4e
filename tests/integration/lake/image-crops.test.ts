import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake
let url: string

beforeAll(async () => {
  t = await startTestLake({ storage: 'memory' })
  // Left half red, right half blue: a crop shows which side it kept.
  const left = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer()
  const image = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#0000ff' } })
    .composite([{ input: left, left: 0, top: 0 }])
    .png()
    .toBuffer()
  url = (await t.editor.assets.upload('image', image)).url
})
afterAll(() => t.stop())

async function fetchImage(query: string): Promise<{ width?: number; height?: number; centre: number[] }> {
  const response = await fetch(`${url}?${query}`)
  expect(response.status).toBe(200)
  const bytes = Buffer.from(await response.arrayBuffer())
  const { width, height } = await sharp(bytes).metadata()
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const offset = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels
  return { width, height, centre: [data[offset] ?? 0, data[offset + 1] ?? 0, data[offset + 2] ?? 0] }
}

describe('image crops', () => {
  it('cuts out a rect before resizing, as image-url sends crops', async () => {
    const blue = await fetchImage('rect=120,10,60,60&w=30&h=30&fm=png')
    expect([blue.width, blue.height]).toEqual([30, 30])
    expect(blue.centre[2]).toBeGreaterThan(200)
    expect(blue.centre[0]).toBeLessThan(50)
  })

  it('clamps a rect that reaches past the edge instead of failing', async () => {
    const clamped = await fetchImage('rect=150,50,500,500&fm=png')
    expect([clamped.width, clamped.height]).toEqual([50, 50])
  })

  it('centres fit=crop on the hotspot given as a focal point', async () => {
    const red = await fetchImage('w=50&h=50&fit=crop&crop=focalpoint&fp-x=0.1&fp-y=0.5&fm=png')
    expect([red.width, red.height]).toEqual([50, 50])
    expect(red.centre[0]).toBeGreaterThan(200)
    const blue = await fetchImage('w=50&h=50&fit=crop&crop=focalpoint&fp-x=0.9&fp-y=0.5&fm=png')
    expect(blue.centre[2]).toBeGreaterThan(200)
  })
})
