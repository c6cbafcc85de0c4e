import { canReadDocument, type Access } from './access.ts'
import type { Primitive } from './query-plan.ts'
import { assertNever } from './assert-never.ts'
import {
  DRAFTS_PREFIX,
  isDraftId,
  readPath,
  toPublishedId,
  VERSIONS_PREFIX,
  type LakeDocument,
} from './document.ts'
import type { DocumentReader } from './reader.ts'

export type Perspective = 'raw' | 'published' | 'drafts'

/** The first API version whose default perspective is `published` instead of `raw`. */
const PUBLISHED_DEFAULT_SINCE = '2025-02-19'

/** Returns `null` for a perspective the lake does not serve (release stacks). */
export function parsePerspective(value: string | undefined, apiVersion: string): Perspective | null {
  if (value === undefined || value === '') {
    return apiVersion !== '1' && apiVersion >= PUBLISHED_DEFAULT_SINCE ? 'published' : 'raw'
  }
  switch (value) {
    case 'raw':
    case 'published':
    case 'drafts':
      return value
    case 'previewDrafts':
      return 'drafts'
    default:
      return null
  }
}

/** What a query sees: documents after access rules and perspective, addressed by their visible id. */
export type DocumentView = {
  getDocument(id: string): LakeDocument | null
  listByType(type: string): Iterable<LakeDocument>
  /** Documents of `type` whose `path` holds one of `values`; may return more, never fewer. */
  listByTypeWhere(type: string, path: readonly string[], values: readonly Primitive[]): LakeDocument[]
  listDocuments(): LakeDocument[]
}

type ViewCacheEntry = { version: number; docs: LakeDocument[]; byValue?: Map<Primitive, LakeDocument[]> }

export function buildView(
  reader: DocumentReader,
  access: Access,
  perspective: Perspective,
  cache?: Map<string, ViewCacheEntry>,
): DocumentView {
  const readable = (doc: LakeDocument | null): doc is LakeDocument =>
    doc !== null && canReadDocument(access, doc._id)
  const project = selectProjection(reader, access, perspective)
  const cacheKey = `${access}:${perspective}`
  return {
    getDocument(id) {
      if (perspective !== 'drafts') {
        const doc = reader.getDocument(id)
        return readable(doc) && (perspective === 'raw' || !isDraftOrVersionId(doc._id)) ? doc : null
      }
      if (isDraftId(id) || id.startsWith(VERSIONS_PREFIX)) return null
      const draft = reader.getDocument(DRAFTS_PREFIX + id)
      if (readable(draft)) return withOriginalId(draft, id)
      const doc = reader.getDocument(id)
      return readable(doc) ? withOriginalId(doc, id) : null
    },
    *listByType(type) {
      for (const doc of reader.listByType(type)) {
        const visible = project(doc)
        if (visible) yield visible
      }
    },
    listByTypeWhere(type, path, values) {
      const key = `${cacheKey}:${type}:${path.join('.')}`
      let entry = cache?.get(key)
      if (!entry?.byValue || entry.version !== reader.version) {
        const byValue = new Map<Primitive, LakeDocument[]>()
        for (const doc of this.listByType(type)) {
          const value = readPath(doc, path)
          if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue
          const bucket = byValue.get(value)
          if (bucket) bucket.push(doc)
          else byValue.set(value, [doc])
        }
        entry = { version: reader.version, docs: [], byValue }
        cache?.set(key, entry)
      }
      const index = entry.byValue
      return index ? values.flatMap((value) => index.get(value) ?? []) : []
    },
    listDocuments() {
      const cached = cache?.get(cacheKey)
      if (cached && cached.version === reader.version) return cached.docs
      const docs: LakeDocument[] = []
      for (const doc of reader.listDocuments()) {
        const visible = project(doc)
        if (visible) docs.push(visible)
      }
      cache?.set(cacheKey, { version: reader.version, docs })
      return docs
    },
  }
}

const isDraftOrVersionId = (id: string): boolean => isDraftId(id) || id.startsWith(VERSIONS_PREFIX)

function selectProjection(
  reader: DocumentReader,
  access: Access,
  perspective: Perspective,
): (doc: LakeDocument) => LakeDocument | null {
  switch (perspective) {
    case 'raw':
      return (doc) => (canReadDocument(access, doc._id) ? doc : null)
    case 'published':
      // Sanity's published perspective leaves out drafts and versions only; other dotted ids
      // (`comment.x`) stay visible to callers whose token may read them.
      return (doc) => (canReadDocument(access, doc._id) && !isDraftOrVersionId(doc._id) ? doc : null)
    case 'drafts':
      return (doc) => {
        if (!canReadDocument(access, doc._id) || doc._id.startsWith(VERSIONS_PREFIX)) return null
        if (isDraftId(doc._id)) return withOriginalId(doc, toPublishedId(doc._id))
        const draft = reader.getDocument(DRAFTS_PREFIX + doc._id)
        if (draft && canReadDocument(access, draft._id)) return null
        return withOriginalId(doc, doc._id)
      }
    default:
      return assertNever(perspective)
  }
}

function withOriginalId(doc: LakeDocument, visibleId: string): LakeDocument {
  return { ...doc, _id: visibleId, _originalId: doc._id }
}
