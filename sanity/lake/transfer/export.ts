import { writeFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import type { SanityClient } from '@sanity/client'
import { z } from 'zod'
import { withAssetPointers } from './asset-fields.ts'
import { toNdjson } from './ndjson.ts'
import { writeTar, type TarEntry } from './tar.ts'

const assetDocSchema = z.object({ _id: z.string(), url: z.string(), path: z.string() })

export type ExportSummary = { documents: number; assets: number }

export class ExportError extends Error {
  override name = 'ExportError'
}

/** Writes the dataset as a `sanity dataset export`-style tar.gz: `<dataset>/data.ndjson`, `images/`, `files/`. */
export async function exportDataset(client: SanityClient, file: string, now: Date): Promise<ExportSummary> {
  const dataset = client.config().dataset ?? 'dataset'
  const docs = await client.fetch<unknown[]>('*', {}, { perspective: 'raw' })
  const assets = z
    .array(assetDocSchema)
    .parse(
      await client.fetch(
        '*[_type in ["sanity.imageAsset", "sanity.fileAsset"]]{_id, url, path}',
        {},
        { perspective: 'raw' },
      ),
    )
  const entries: TarEntry[] = []
  const pathsById = new Map<string, string>()
  for (const asset of assets) {
    const folder = asset._id.startsWith('image-') ? 'images' : 'files'
    const relativePath = `${folder}/${asset.path.split('/').pop() ?? asset._id}`
    const response = await fetch(asset.url)
    if (!response.ok) throw new ExportError(`Could not download ${asset.url}: HTTP ${response.status}`)
    entries.push({ path: `${dataset}/${relativePath}`, data: Buffer.from(await response.arrayBuffer()) })
    pathsById.set(asset._id, relativePath)
  }
  const assetIds = new Set(assets.map((asset) => asset._id))
  const exported = docs
    .filter(
      (doc) =>
        !(
          typeof doc === 'object' &&
          doc !== null &&
          '_id' in doc &&
          typeof doc._id === 'string' &&
          assetIds.has(doc._id)
        ),
    )
    .map((doc) => withAssetPointers(doc, pathsById))
  entries.unshift({ path: `${dataset}/data.ndjson`, data: Buffer.from(toNdjson(exported)) })
  await writeFile(file, gzipSync(writeTar(entries, now)))
  return { documents: exported.length, assets: assets.length }
}
