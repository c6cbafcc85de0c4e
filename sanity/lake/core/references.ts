import { isDottedId, isPlainObject, type LakeDocument } from './document.ts'
import type { DocumentReader } from './reader.ts'

/**
 * Every `_ref` in `value` to a document of the same dataset that is not marked `_weak: true`. Cross-dataset
 * and global references (`_dataset`, `_projectId`) point elsewhere, so this dataset cannot vouch for them.
 */
export function listStrongReferences(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) listStrongReferences(item, out)
  } else if (isPlainObject(value)) {
    if (
      typeof value._ref === 'string' &&
      value._weak !== true &&
      value._dataset === undefined &&
      value._projectId === undefined
    )
      out.add(value._ref)
    for (const [key, field] of Object.entries(value)) if (key !== '_ref') listStrongReferences(field, out)
  }
  return out
}

/** Whether `value` refers to `id` at all, weakly or strongly. */
export function hasReferenceTo(value: unknown, id: string): boolean {
  if (Array.isArray(value)) return value.some((item) => hasReferenceTo(item, id))
  if (!isPlainObject(value)) return false
  if (value._ref === id) return true
  return Object.values(value).some((field) => hasReferenceTo(field, id))
}

/**
 * For each id in `targets`, the published documents that hold a strong reference to it.
 * Drafts and versions do not count: the Studio writes their references weak until publish,
 * which is how hosted Sanity treats them too.
 */
export function listStrongReferrers(
  reader: DocumentReader,
  targets: ReadonlySet<string>,
): Map<string, string[]> {
  const referrers = new Map<string, string[]>()
  if (targets.size === 0) return referrers
  for (const doc of reader.listDocuments()) {
    if (!isHeldToIntegrity(doc._id)) continue
    for (const ref of listStrongReferences(doc)) {
      if (!targets.has(ref) || ref === doc._id) continue
      const list = referrers.get(ref)
      if (list) list.push(doc._id)
      else referrers.set(ref, [doc._id])
    }
  }
  return referrers
}

/**
 * Whether the strong references of document `id` must point at existing documents. Drafts and versions are
 * exempt (see listStrongReferrers); a publish copies them to the published id, and is checked there.
 */
export function isHeldToIntegrity(id: string): boolean {
  return !isDottedId(id) || (!id.startsWith('drafts.') && !id.startsWith('versions.'))
}

/**
 * The strong references `after` holds that `before` did not, and that point at no document in `reader`.
 * Only new references count, so a document stored with a dangling one (imported before the lake checked)
 * can still be edited; it just cannot gain another.
 */
export function listMissingReferences(
  reader: DocumentReader,
  before: LakeDocument | null,
  after: LakeDocument,
): string[] {
  const existing = before === null ? new Set<string>() : listStrongReferences(before)
  return [...listStrongReferences(after)].filter(
    (ref) => !existing.has(ref) && reader.getDocument(ref) === null,
  )
}
