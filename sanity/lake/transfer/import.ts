import { readFile } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { SanityClient } from '@sanity/client'
import { listAssetPointers, parseAssetPointer, withDocumentAssetReferences } from './asset-fields.ts'
import { buildImportBatches } from './import-order.ts'
import { ImportFormatError, parseNdjson, type ImportedDocument } from './ndjson.ts'
import { readTar } from './tar.ts'

export type ImportMode = 'create' | 'replace' | 'missing'
export type ImportSummary = { documents: number; assets: number }

const BATCH_SIZE = 200

type Source = { docs: ImportedDocument[]; readAsset(relativePath: string): Promise<Buffer | null> }

/** Imports NDJSON or a `sanity dataset export` tar.gz into the running lake through `client`. */
export async function importDataset(
  client: SanityClient,
  file: string,
  mode: ImportMode,
): Promise<ImportSummary> {
  const source = /\.(tar\.gz|tgz)$/.test(file) ? await openArchive(file) : await openNdjson(file)
  const assetIds = new Map<string, string>()
  const pointers = new Set<string>()
  for (const doc of source.docs) listAssetPointers(doc, pointers)
  for (const pointer of pointers) {
    const parsed = parseAssetPointer(pointer)
    if (!parsed) throw new ImportFormatError(`Unsupported asset pointer ${pointer}`)
    const bytes = await source.readAsset(parsed.relativePath)
    if (!bytes) throw new ImportFormatError(`Asset ${parsed.relativePath} is missing from the import`)
    const asset = await client.assets.upload(parsed.kind, bytes, {
      filename: posix.basename(parsed.relativePath),
    })
    assetIds.set(pointer, asset._id)
  }
  for (const batch of buildImportBatches(source.docs, BATCH_SIZE)) {
    const transaction = client.transaction()
    for (const doc of batch) {
      const rewritten = withDocumentAssetReferences(doc, assetIds)
      if (mode === 'replace') transaction.createOrReplace(rewritten)
      else if (mode === 'missing') transaction.createIfNotExists(rewritten)
      else transaction.create(rewritten)
    }
    await transaction.commit({ returnDocuments: false, visibility: 'async' })
  }
  return { documents: source.docs.length, assets: assetIds.size }
}

async function openNdjson(file: string): Promise<Source> {
  const docs = parseNdjson(await readFile(file, 'utf8'))
  const base = dirname(file)
  return {
    docs,
    async readAsset(relativePath) {
      try {
        return await readFile(join(base, relativePath))
      } catch {
        return null
      }
    },
  }
}

async function openArchive(file: string): Promise<Source> {
  const entries = readTar(gunzipSync(await readFile(file)))
  const data = entries.find((entry) => entry.path === 'data.ndjson' || entry.path.endsWith('/data.ndjson'))
  if (!data) throw new ImportFormatError(`${file} has no data.ndjson`)
  const base = posix.dirname(data.path)
  const byPath = new Map(entries.map((entry) => [posix.normalize(entry.path), entry.data]))
  return {
    docs: parseNdjson(data.data.toString('utf8')),
    readAsset: async (relativePath) =>
      byPath.get(posix.normalize(base === '.' ? relativePath : `${base}/${relativePath}`)) ?? null,
  }
}
