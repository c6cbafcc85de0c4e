import type { LakeDocument } from './document.ts'

/** Read access to one dataset at one moment. Stores implement it; core only reads through it. */
export type DocumentReader = {
  getDocument(id: string): LakeDocument | null
  listDocuments(): Iterable<LakeDocument>
  listByType(type: string): Iterable<LakeDocument>
  /** Increases on every change; lets callers cache derived views. */
  readonly version: number
}

/** A reader that sees `overlay` (pending writes, `null` = deleted) on top of `base`. */
export function overlayReader(
  base: DocumentReader,
  overlay: ReadonlyMap<string, LakeDocument | null>,
): DocumentReader {
  return {
    version: base.version,
    getDocument(id) {
      const pending = overlay.get(id)
      return pending === undefined ? base.getDocument(id) : pending
    },
    *listDocuments() {
      for (const doc of base.listDocuments()) if (!overlay.has(doc._id)) yield doc
      for (const doc of overlay.values()) if (doc) yield doc
    },
    *listByType(type) {
      for (const doc of base.listByType(type)) if (!overlay.has(doc._id)) yield doc
      for (const doc of overlay.values()) if (doc && doc._type === type) yield doc
    },
  }
}
