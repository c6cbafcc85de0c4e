import { createHash } from 'node:crypto'
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
  const bytes = await lake.assets.read(dataset, name)
  if (!bytes) throw notFound()
  const { res, req, url } = request

  if (area === 'files') {
    const extension = match[2] ?? 'bin'
    return send(request, bytes, FILE_MIME[extension] ?? 'application/octet-stream', name, false)
  }
  const params = parseTransformParams(url.searchParams)
  const extension = match[4] ?? 'jpg'
  const format = chooseFormat(params, String(req.headers.accept ?? ''), extension)
  if (format === 'source' || (isIdentityTransform(params) && format !== 'avif' && format !== 'webp')) {
    return send(
      request,
      bytes,
      format === 'source' ? 'application/octet-stream' : MIME_TYPES[format],
      `${name}?${url.search}`,
      params.auto === 'format',
    )
  }
  const output = await transformImage(bytes, params, format)
  res.setHeader('x-lake-transform', 'sharp')
  return send(
    request,
    output,
    MIME_TYPES[format],
    `${name}?${url.search}:${format}`,
    params.auto === 'format',
  )
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
