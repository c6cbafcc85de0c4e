import sharp, { type Metadata } from 'sharp'
import type { ImageFacts } from '../core/asset-document.ts'

const EXTENSIONS: Record<string, { extension: string; mimeType: string }> = {
  jpeg: { extension: 'jpg', mimeType: 'image/jpeg' },
  png: { extension: 'png', mimeType: 'image/png' },
  webp: { extension: 'webp', mimeType: 'image/webp' },
  gif: { extension: 'gif', mimeType: 'image/gif' },
  avif: { extension: 'avif', mimeType: 'image/avif' },
  heif: { extension: 'avif', mimeType: 'image/avif' },
  tiff: { extension: 'tiff', mimeType: 'image/tiff' },
  svg: { extension: 'svg', mimeType: 'image/svg+xml' },
}

const LQIP_WIDTH = 20

export type ImageInfo = ImageFacts & { extension: string; mimeType: string }

/** Returns `null` when the bytes are not an image sharp can read. */
export async function readImageInfo(bytes: Buffer): Promise<ImageInfo | null> {
  let metadata: Metadata
  try {
    metadata = await sharp(bytes).metadata()
  } catch {
    return null
  }
  const format = metadata.format === undefined ? undefined : EXTENSIONS[metadata.format]
  const width = metadata.autoOrient?.width ?? metadata.width
  const height = metadata.autoOrient?.height ?? metadata.height
  if (!format || !width || !height) return null
  const stats = await sharp(bytes).stats()
  const lqipBytes = await sharp(bytes)
    .rotate()
    .resize({ width: LQIP_WIDTH })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 40 })
    .toBuffer()
  return {
    ...format,
    width,
    height,
    hasAlpha: metadata.hasAlpha ?? false,
    isOpaque: stats.isOpaque,
    lqip: `data:image/jpeg;base64,${lqipBytes.toString('base64')}`,
  }
}
