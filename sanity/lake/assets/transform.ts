import sharp from 'sharp'
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
  if (params.rect) {
    const [left = 0, top = 0, width = 1, height = 1] = params.rect
    image = image.extract({ left, top, width, height })
  }
  const dpr = params.dpr ?? 1
  const width = params.w === undefined ? undefined : Math.min(MAX_DIMENSION, Math.round(params.w * dpr))
  const height = params.h === undefined ? undefined : Math.min(MAX_DIMENSION, Math.round(params.h * dpr))
  if (width !== undefined || height !== undefined) {
    const position = CROP_POSITIONS[params.crop?.split(',')[0] ?? 'center'] ?? 'centre'
    const background = params.bg
      ? `#${params.bg}`
      : { r: 255, g: 255, b: 255, alpha: format === 'jpeg' ? 1 : 0 }
    const fit = params.fit ?? 'clip'
    switch (fit) {
      case 'clip':
        image = image.resize({ width, height, fit: 'inside' })
        break
      case 'max':
        image = image.resize({ width, height, fit: 'inside', withoutEnlargement: true })
        break
      case 'crop':
        image = image.resize({ width, height, fit: 'cover', position })
        break
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
