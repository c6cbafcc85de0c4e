import { createHash } from 'node:crypto'
import { extname } from 'node:path'
import { readImageInfo } from '../assets/image-info.ts'
import {
  buildAssetDocument,
  buildAssetFileName,
  buildAssetId,
  type AssetFacts,
  type AssetKind,
} from '../core/asset-document.ts'
import type { LakeRuntime } from '../runtime.ts'
import { buildLakeError, buildMutationError } from './errors.ts'
import { assertCanWrite } from './mutate.ts'
import { readBody, type LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'

const MAX_ASSET_BYTES = 256 * 1024 * 1024

/** `POST /assets/images|files/:dataset?filename=…` with the raw bytes as body. */
export async function handleAssetUpload(
  request: LakeRequest,
  kind: AssetKind,
  dataset: string,
  lake: LakeRuntime,
): Promise<void> {
  assertCanWrite(request)
  const bytes = await readBody(request.req, MAX_ASSET_BYTES)
  if (bytes.length === 0) throw buildLakeError(400, 'validationError', 'Empty upload')
  const filename = request.url.searchParams.get('filename')
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  const facts = await readFacts(kind, bytes, sha1, filename, request.req.headers['content-type'])
  const reader = lake.store.reader(dataset)
  const existing = reader.getDocument(buildAssetId(facts))
  if (existing) return sendJson(request.res, 200, { document: existing })

  await lake.assets.write(dataset, buildAssetFileName(facts), bytes)
  const document = buildAssetDocument(facts, {
    projectId: lake.projectId,
    dataset,
    baseUrl: lake.publicUrl(),
  })
  const outcome = await lake.writer.submit({
    dataset,
    mutations: [{ createIfNotExists: document }],
    autoGenerateArrayKeys: false,
  })
  if (!outcome.ok) throw buildMutationError(outcome.failure)
  sendJson(request.res, 200, { document: lake.store.reader(dataset).getDocument(document._id) })
}

async function readFacts(
  kind: AssetKind,
  bytes: Buffer,
  sha1: string,
  filename: string | null,
  contentType: string | undefined,
): Promise<AssetFacts> {
  if (kind === 'image') {
    const info = await readImageInfo(bytes)
    if (!info) throw buildLakeError(400, 'validationError', 'Invalid image, could not read metadata')
    const { extension, mimeType, ...image } = info
    return { kind, sha1, extension, mimeType, size: bytes.length, originalFilename: filename, image }
  }
  const fromName = filename ? extname(filename).slice(1).toLowerCase() : ''
  const extension = /^[a-z0-9]{1,10}$/.test(fromName) ? fromName : 'bin'
  const mimeType =
    contentType && /^[\w.+-]+\/[\w.+-]+/.test(contentType)
      ? (contentType.split(';')[0] ?? contentType)
      : 'application/octet-stream'
  return { kind, sha1, extension, mimeType, size: bytes.length, originalFilename: filename, image: null }
}
