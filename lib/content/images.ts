import 'server-only'
import { createImageUrlBuilder } from '@sanity/image-url'
import type { SanityImageCrop, SanityImageHotspot } from '@/sanity/sanity.types'
import { env } from '@/lib/config/env'

export type ImageSource = {
  alt: string | null
  assetRef: string | null
  hotspot: SanityImageHotspot | null
  crop: SanityImageCrop | null
}

export type SizedImage = {
  src: string
  width: number
  height: number
  alt: string
  /** The local lake serves originals only: its images skip Next's optimizer, which refuses loopback hosts. */
  unoptimized: boolean
}

// Hosted Sanity serves images from its CDN; the lake serves them at its API host.
const builder = createImageUrlBuilder({
  projectId: env.sanity.projectId,
  dataset: env.sanity.dataset,
  baseUrl: env.mode === 'local' ? env.sanity.apiHost : 'https://cdn.sanity.io',
})

/** Asset ids carry their dimensions: `image-<hash>-<width>x<height>-<ext>`. */
export function parseAssetDimensions(assetRef: string): { width: number; height: number } | null {
  const match = /^image-[A-Za-z0-9]+-(\d+)x(\d+)-[a-z0-9]+$/.exec(assetRef)
  if (match === null) return null
  return { width: Number(match[1]), height: Number(match[2]) }
}

/** An image URL at `width` keeping the original aspect ratio (or `aspect` when given); null without an asset. */
export function buildSizedImage(
  image: ImageSource | null,
  width: number,
  aspect?: number,
): SizedImage | null {
  if (image === null || image.assetRef === null) return null
  const dimensions = parseAssetDimensions(image.assetRef)
  if (dimensions === null) return null
  const ratio = aspect ?? dimensions.width / dimensions.height
  const height = Math.round(width / ratio)
  const source = {
    asset: { _ref: image.assetRef },
    hotspot: image.hotspot ?? undefined,
    crop: image.crop ?? undefined,
  }
  return {
    src: builder.image(source).width(width).height(height).fit('crop').auto('format').url(),
    width,
    height,
    alt: image.alt ?? '',
    unoptimized: env.mode === 'local',
  }
}
