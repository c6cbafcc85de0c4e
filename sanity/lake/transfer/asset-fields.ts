import { isPlainObject } from '../core/document.ts'

/** `{"_sanityAsset": "image@file://./images/x.png"}` as written by `sanity dataset export`. */
const SANITY_ASSET = /^(image|file)@file:\/\/\.?\/?(.+)$/

export type AssetPointer = { kind: 'image' | 'file'; relativePath: string }

export function parseAssetPointer(value: string): AssetPointer | null {
  const match = SANITY_ASSET.exec(value)
  if (!match?.[1] || !match[2]) return null
  return { kind: match[1] === 'image' ? 'image' : 'file', relativePath: match[2] }
}

export function listAssetPointers(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) listAssetPointers(item, out)
  else if (isPlainObject(value)) {
    if (typeof value._sanityAsset === 'string') out.add(value._sanityAsset)
    for (const field of Object.values(value)) listAssetPointers(field, out)
  }
  return out
}

/** Replaces each `_sanityAsset` pointer with an `asset` reference to the uploaded asset document. */
export function withAssetReferences(value: unknown, assetIds: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withAssetReferences(item, assetIds))
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    if (key === '_sanityAsset' && typeof field === 'string') {
      const id = assetIds.get(field)
      if (id) out.asset = { _type: 'reference', _ref: id }
      continue
    }
    out[key] = withAssetReferences(field, assetIds)
  }
  return out
}

/** The inverse for export: `asset` references become `_sanityAsset` pointers into the archive. */
export function withAssetPointers(value: unknown, pathsById: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withAssetPointers(item, pathsById))
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    if (
      key === 'asset' &&
      isPlainObject(field) &&
      typeof field._ref === 'string' &&
      pathsById.has(field._ref)
    ) {
      const path = pathsById.get(field._ref) ?? ''
      out._sanityAsset = `${field._ref.startsWith('image-') ? 'image' : 'file'}@file://./${path}`
      continue
    }
    out[key] = withAssetPointers(field, pathsById)
  }
  return out
}

export function withDocumentAssetReferences<T extends { _id: string; _type: string }>(
  doc: T,
  assetIds: ReadonlyMap<string, string>,
): Record<string, unknown> & { _id: string; _type: string } {
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(doc)) out[key] = withAssetReferences(field, assetIds)
  return { ...out, _id: doc._id, _type: doc._type }
}
