import { createHash } from 'node:crypto'
import { buildVariantKey } from '../assets/image-variants.ts'
import {
  chooseFormat,
  isIdentityTransform,
  MIME_TYPES,
  parseTransformParams,
  transformImage,
} from '../assets/transform.ts'
import type { LakeRuntime } from '../runtime.ts'
import { buildGatewayError } from './errors.ts'
import type { LakeRequest } from './request.ts'
import { startResponse } from './respond.ts'

const IMAGE_NAME = /^([a-f0-9]{40})-(\d+)x(\d+)\.([a-z0-9]+)$/
const FILE_NAME = /^([a-f0-9]{40})\.([a-z0-9]+)$/
const FILE_MIME: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  mp4: 'video/mp4',
  svg: 'image/svg+xml',
}
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** A transform takes well under a second, so a refused caller may try again soon. */
const BUSY_RETRY_AFTER_SECONDS = 1

/** `GET /images/:projectId/:dataset/<sha1>-WxH.ext?w=…` and `GET /files/:projectId/:dataset/<sha1>.ext`. */
export async function handleServeAsset(
  request: LakeRequest,
  area: 'images' | 'files',
  lake: LakeRuntime,
): Promise<void> {
  const [, projectId, dataset, name] = request.segments
  if (projectId !== lake.projectId || dataset === undefined || name === undefined) throw notFound()
  const match = (area === 'images' ? IMAGE_NAME : FILE_NAME).exec(name)
  if (!match) throw notFound()
  const { res, req, url } = request

  if (area === 'files') {
    const bytes = await readSource(lake, dataset, name)
    const extension = match[2] ?? 'bin'
    return send(request, bytes, FILE_MIME[extension] ?? 'application/octet-stream', name, false)
  }
  const params = parseTransformParams(url.searchParams)
  const extension = match[4] ?? 'jpg'
  const format = chooseFormat(params, String(req.headers.accept ?? ''), extension)
  if (format === 'source' || (isIdentityTransform(params) && format !== 'avif' && format !== 'webp')) {
    return send(
      request,
      await readSource(lake, dataset, name),
      format === 'source' ? 'application/octet-stream' : MIME_TYPES[format],
      `${name}?${url.search}`,
      params.auto === 'format',
    )
  }
  // Asset files are never deleted, so a variant on disk stands for a source that still exists.
  const outcome = await lake.imageVariants.get(dataset, buildVariantKey(name, params, format), async () => {
    const bytes = await lake.assets.read(dataset, name)
    return bytes === null ? null : transformImage(bytes, params, format)
  })
  if (!outcome.ok) {
    if (outcome.reason === 'no-source') throw notFound()
    res.setHeader('retry-after', String(BUSY_RETRY_AFTER_SECONDS))
    throw buildGatewayError(
      503,
      'Service Unavailable',
      'Too many image transforms at once; try again shortly',
    )
  }
  res.setHeader('x-lake-transform', outcome.from === 'made' ? 'sharp' : 'stored')
  return send(
    request,
    outcome.bytes,
    MIME_TYPES[format],
    `${name}?${url.search}:${format}`,
    params.auto === 'format',
  )
}

async function readSource(lake: LakeRuntime, dataset: string, name: string): Promise<Buffer> {
  const bytes = await lake.assets.read(dataset, name)
  if (!bytes) throw notFound()
  return bytes
}

function send(
  request: LakeRequest,
  body: Buffer,
  contentType: string,
  variantKey: string,
  variesByAccept: boolean,
): void {
  const etag = `"${createHash('sha1').update(variantKey).digest('base64url')}"`
  const headers: Record<string, string> = { etag, 'cache-control': IMMUTABLE, 'content-type': contentType }
  if (variesByAccept) headers.vary = 'Accept'
  if (request.req.headers['if-none-match'] === etag) {
    startResponse(request.res, 304, headers)
    request.res.end()
    return
  }
  startResponse(request.res, 200, { ...headers, 'content-length': String(body.length) })
  request.res.end(body)
}

function notFound(): Error {
  return buildGatewayError(404, 'Not Found', 'Asset not found')
}
