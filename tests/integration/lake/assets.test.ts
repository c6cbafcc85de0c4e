import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake
let png: Buffer

beforeAll(async () => {
  t = await startTestLake()
  png = await sharp({
    create: { width: 320, height: 200, channels: 4, background: { r: 200, g: 50, b: 50, alpha: 0.5 } },
  })
    .png()
    .toBuffer()
})
afterAll(() => t.stop())

describe('assets', () => {
  it('stores an uploaded image as a sanity.imageAsset document with metadata', async () => {
    const asset = await t.editor.assets.upload('image', png, { filename: 'red.png' })
    expect(asset).toMatchObject({
      _type: 'sanity.imageAsset',
      extension: 'png',
      mimeType: 'image/png',
      originalFilename: 'red.png',
      size: png.length,
      metadata: {
        dimensions: { width: 320, height: 200, aspectRatio: 1.6 },
        hasAlpha: true,
        isOpaque: false,
      },
    })
    expect(asset._id).toBe(`image-${asset.sha1hash}-320x200-png`)
    expect(asset.metadata.lqip).toMatch(/^data:image\/jpeg;base64,/)
    expect(await t.editor.getDocument(asset._id)).toMatchObject({ _id: asset._id })
  })

  it('returns the existing asset when the same bytes are uploaded again', async () => {
    const first = await t.editor.assets.upload('image', png)
    const second = await t.editor.assets.upload('image', png, { filename: 'again.png' })
    expect(second._id).toBe(first._id)
    expect(second._rev).toBe(first._rev)
  })

  it('serves a resized image with the requested width and cache headers', async () => {
    const asset = await t.editor.assets.upload('image', png)
    const response = await fetch(`${asset.url}?w=100&fm=webp`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/webp')
    expect(response.headers.get('cache-control')).toContain('max-age')
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
    expect(meta).toMatchObject({ width: 100, height: 63, format: 'webp' })
    const again = await fetch(`${asset.url}?w=100&fm=webp`, {
      headers: { 'if-none-match': response.headers.get('etag') ?? '' },
    })
    expect(again.status).toBe(304)
  })

  it('crops to exact dimensions with fit=crop and picks a format from Accept with auto=format', async () => {
    const asset = await t.editor.assets.upload('image', png)
    const response = await fetch(`${asset.url}?w=50&h=50&fit=crop&auto=format`, {
      headers: { accept: 'image/avif,image/webp,*/*' },
    })
    expect(response.headers.get('content-type')).toBe('image/avif')
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
    expect([meta.width, meta.height]).toEqual([50, 50])
  })

  it('stores a file upload as a sanity.fileAsset and serves its bytes', async () => {
    const bytes = Buffer.from('%PDF-1.4 pretend')
    const asset = await t.editor.assets.upload('file', bytes, {
      filename: 'doc.pdf',
      contentType: 'application/pdf',
    })
    expect(asset).toMatchObject({ _type: 'sanity.fileAsset', extension: 'pdf', mimeType: 'application/pdf' })
    expect(asset._id).toBe(`file-${asset.sha1hash}-pdf`)
    const response = await fetch(asset.url)
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes)
  })

  it('rejects an image upload that is not an image', async () => {
    const error = await t.editor.assets.upload('image', Buffer.from('nope')).catch((e: unknown) => e)
    expect(error).toMatchObject({ statusCode: 400 })
  })

  it('refuses uploads from a viewer', async () => {
    const error = await t.viewer.assets.upload('image', png).catch((e: unknown) => e)
    expect(error).toMatchObject({ statusCode: 403 })
  })
})
