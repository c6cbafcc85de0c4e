import sharp, { type Sharp } from 'sharp'
import { z } from 'zod'
import { assertNever } from '../core/assert-never.ts'

/** Image URL parameters of Sanity's image pipeline that the lake implements. */

const MAX_DIMENSION = 8192
const dimension = z.coerce.number().int().positive().max(MAX_DIMENSION)

export const transformParamsSchema = z.object({
  w: dimension.optional(),
  h: dimension.optional(),
  fit: z.enum(['clip', 'crop', 'fill', 'fillmax', 'max', 'scale', 'min']).optional(),
  crop: z.string().optional(),
  rect: z
    .string()
    .regex(/^\d+,\d+,\d+,\d+$/)
    .transform((value) => value.split(',').map(Number))
    .optional(),
  'fp-x': z.coerce.number().min(0).max(1).optional(),
  'fp-y': z.coerce.number().min(0).max(1).optional(),
  q: z.coerce.number().int().min(0).max(100).optional(),
  fm: z.enum(['jpg', 'pjpg', 'png', 'webp', 'avif']).optional(),
  auto: z.literal('format').optional(),
  dpr: z.coerce.number().min(1).max(3).optional(),
  bg: z
    .string()
    .regex(/^[0-9a-fA-F]{3,8}$/)
    .optional(),
})
export type TransformParams = z.infer<typeof transformParamsSchema>

export type OutputFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'source'

export function parseTransformParams(search: URLSearchParams): TransformParams {
  const raw: Record<string, string> = {}
  for (const key of Object.keys(transformParamsSchema.shape)) {
    const value = search.get(key)
    if (value !== null) raw[key] = value
  }
  return transformParamsSchema.parse(raw)
}

export function isIdentityTransform(params: TransformParams): boolean {
  return Object.values(params).every((value) => value === undefined)
}

export function chooseFormat(params: TransformParams, accept: string, sourceExtension: string): OutputFormat {
  if (params.auto === 'format') {
    if (accept.includes('image/avif')) return 'avif'
    if (accept.includes('image/webp')) return 'webp'
  }
  switch (params.fm) {
    case 'jpg':
    case 'pjpg':
      return 'jpeg'
    case 'png':
    case 'webp':
    case 'avif':
      return params.fm
    case undefined:
      return sourceExtension === 'jpg'
        ? 'jpeg'
        : sourceExtension === 'png' ||
            sourceExtension === 'webp' ||
            sourceExtension === 'avif' ||
            sourceExtension === 'gif'
          ? sourceExtension
          : 'source'
  }
}

export const MIME_TYPES: Record<Exclude<OutputFormat, 'source'>, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
}

const CROP_POSITIONS: Record<string, string> = {
  top: 'top',
  bottom: 'bottom',
  left: 'left',
  right: 'right',
  center: 'centre',
  entropy: 'entropy',
  focalpoint: 'centre',
}

export async function transformImage(
  bytes: Buffer,
  params: TransformParams,
  format: Exclude<OutputFormat, 'source'>,
): Promise<Buffer> {
  let image = sharp(bytes).rotate()
  const metadata = await sharp(bytes).metadata()
  // EXIF orientations 5–8 swap width and height once `rotate()` has applied them.
  const turned = (metadata.orientation ?? 1) >= 5
  let sourceWidth = (turned ? metadata.height : metadata.width) ?? 1
  let sourceHeight = (turned ? metadata.width : metadata.height) ?? 1
  const rect = params.rect ? clampRect(params.rect, sourceWidth, sourceHeight) : null
  if (rect) {
    image = image.extract(rect)
    sourceWidth = rect.width
    sourceHeight = rect.height
  }
  const dpr = params.dpr ?? 1
  const fit = params.fit ?? 'clip'
  const { width, height } = fitBoxWithinSource(
    {
      width: params.w === undefined ? undefined : Math.min(MAX_DIMENSION, Math.round(params.w * dpr)),
      height: params.h === undefined ? undefined : Math.min(MAX_DIMENSION, Math.round(params.h * dpr)),
    },
    { width: sourceWidth, height: sourceHeight },
    fit,
  )
  if (width !== undefined || height !== undefined) {
    const position = CROP_POSITIONS[params.crop?.split(',')[0] ?? 'center'] ?? 'centre'
    const background = params.bg
      ? `#${params.bg}`
      : { r: 255, g: 255, b: 255, alpha: format === 'jpeg' ? 1 : 0 }
    switch (fit) {
      case 'clip':
        image = image.resize({ width, height, fit: 'inside', withoutEnlargement: true })
        break
      case 'max':
        image = image.resize({ width, height, fit: 'inside', withoutEnlargement: true })
        break
      case 'crop': {
        const focal = readFocalPoint(params)
        image =
          focal && width !== undefined && height !== undefined
            ? cropAroundFocalPoint(
                image,
                { width, height },
                { width: sourceWidth, height: sourceHeight },
                focal,
              )
            : image.resize({ width, height, fit: 'cover', position })
        break
      }
      case 'min':
        image = image.resize({ width, height, fit: 'cover', position, withoutEnlargement: true })
        break
      case 'fill':
        image = image.resize({ width, height, fit: 'contain', background })
        break
      case 'fillmax':
        image = image.resize({ width, height, fit: 'contain', background, withoutEnlargement: true })
        break
      case 'scale':
        image = image.resize({ width, height, fit: 'fill' })
        break
      default:
        assertNever(fit)
    }
  }
  const quality = params.q ?? 75
  switch (format) {
    case 'jpeg':
      return image
        .flatten({ background: '#ffffff' })
        .jpeg({ quality, progressive: params.fm === 'pjpg' })
        .toBuffer()
    case 'png':
      return image.png().toBuffer()
    case 'webp':
      return image.webp({ quality }).toBuffer()
    case 'avif':
      return image.avif({ quality: Math.max(1, Math.round(quality * 0.7)) }).toBuffer()
    case 'gif':
      return image.gif().toBuffer()
    default:
      return assertNever(format)
  }
}

type Box = { width: number; height: number }
type RequestedBox = { width: number | undefined; height: number | undefined }
type Fit = NonNullable<TransformParams['fit']>

/**
 * The lake never makes an image larger than its source, in either direction: upscaling only burns CPU (a
 * `w=8192&h=8192` on a 400 px image cost 5 s, issue #14) for pixels a browser can stretch for free. Hosted
 * Sanity does upscale unless `fit=max`; here every fit mode behaves as if it had that guard. Modes whose
 * output is the requested box (crop, fill, scale …) keep its aspect ratio by shrinking it as a whole;
 * `clip` and `max` simply stop at the source size.
 */
export function fitBoxWithinSource(box: RequestedBox, source: Box, fit: Fit): RequestedBox {
  if (fit === 'clip' || fit === 'max') return box
  const factor = Math.max(
    box.width === undefined ? 0 : box.width / source.width,
    box.height === undefined ? 0 : box.height / source.height,
  )
  if (factor <= 1) return box
  const shrink = (side: number | undefined): number | undefined =>
    side === undefined ? undefined : Math.max(1, Math.round(side / factor))
  return { width: shrink(box.width), height: shrink(box.height) }
}

/** Keeps a `rect` inside the image (hosted Sanity clamps rather than failing); `null` if nothing is left. */
function clampRect(
  rect: number[],
  imageWidth: number,
  imageHeight: number,
): (Box & { left: number; top: number }) | null {
  const [rawLeft = 0, rawTop = 0, rawWidth = 0, rawHeight = 0] = rect
  const left = Math.min(rawLeft, imageWidth - 1)
  const top = Math.min(rawTop, imageHeight - 1)
  const width = Math.min(rawWidth, imageWidth - left)
  const height = Math.min(rawHeight, imageHeight - top)
  return width > 0 && height > 0 ? { left, top, width, height } : null
}

function readFocalPoint(params: TransformParams): { x: number; y: number } | null {
  const x = params['fp-x']
  const y = params['fp-y']
  return params.crop?.split(',')[0] === 'focalpoint' && x !== undefined && y !== undefined ? { x, y } : null
}

/** `fit=crop&crop=focalpoint`: cover the box, then cut it out as close to centred on the focal point as fits. */
function cropAroundFocalPoint(image: Sharp, box: Box, source: Box, focal: { x: number; y: number }): Sharp {
  const scale = Math.max(box.width / source.width, box.height / source.height)
  const scaled = {
    width: Math.max(box.width, Math.round(source.width * scale)),
    height: Math.max(box.height, Math.round(source.height * scale)),
  }
  const clamp = (value: number, max: number): number => Math.max(0, Math.min(max, Math.round(value)))
  return image.resize({ ...scaled, fit: 'fill' }).extract({
    left: clamp(focal.x * scaled.width - box.width / 2, scaled.width - box.width),
    top: clamp(focal.y * scaled.height - box.height / 2, scaled.height - box.height),
    width: box.width,
    height: box.height,
  })
}
