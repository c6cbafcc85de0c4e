/** Builds `sanity.imageAsset` / `sanity.fileAsset` documents the way Sanity names and shapes them. */

export type AssetKind = 'image' | 'file'

export type ImageFacts = { width: number; height: number; hasAlpha: boolean; isOpaque: boolean; lqip: string }

export type AssetFacts = {
  kind: AssetKind
  sha1: string
  extension: string
  mimeType: string
  size: number
  originalFilename: string | null
  image: ImageFacts | null
}

export type AssetLocation = { projectId: string; dataset: string; baseUrl: string }

export function buildAssetId(facts: Pick<AssetFacts, 'kind' | 'sha1' | 'extension' | 'image'>): string {
  return facts.kind === 'image' && facts.image
    ? `image-${facts.sha1}-${facts.image.width}x${facts.image.height}-${facts.extension}`
    : `file-${facts.sha1}-${facts.extension}`
}

/** The file name the bytes are stored and served under. */
export function buildAssetFileName(facts: Pick<AssetFacts, 'kind' | 'sha1' | 'extension' | 'image'>): string {
  return facts.kind === 'image' && facts.image
    ? `${facts.sha1}-${facts.image.width}x${facts.image.height}.${facts.extension}`
    : `${facts.sha1}.${facts.extension}`
}

export function buildAssetDocument(
  facts: AssetFacts,
  location: AssetLocation,
): Record<string, unknown> & { _id: string; _type: string } {
  const folder = facts.kind === 'image' ? 'images' : 'files'
  const path = `${folder}/${location.projectId}/${location.dataset}/${buildAssetFileName(facts)}`
  const doc: Record<string, unknown> & { _id: string; _type: string } = {
    _id: buildAssetId(facts),
    _type: facts.kind === 'image' ? 'sanity.imageAsset' : 'sanity.fileAsset',
    assetId: facts.sha1,
    sha1hash: facts.sha1,
    extension: facts.extension,
    mimeType: facts.mimeType,
    size: facts.size,
    originalFilename: facts.originalFilename ?? undefined,
    path,
    url: `${location.baseUrl}/${path}`,
    uploadId: facts.sha1.slice(0, 16),
  }
  if (facts.image) {
    const { width, height, hasAlpha, isOpaque, lqip } = facts.image
    doc.metadata = {
      _type: 'sanity.imageMetadata',
      dimensions: { _type: 'sanity.imageDimensions', width, height, aspectRatio: width / height },
      hasAlpha,
      isOpaque,
      lqip,
    }
  }
  return doc
}
