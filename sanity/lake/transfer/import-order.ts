import { listStrongReferences } from '../core/references.ts'
import type { ImportedDocument } from './ndjson.ts'

/**
 * Splits an import into transactions of about `size` documents such that each transaction's strong references
 * point at documents of the same or an earlier transaction (or outside the import). The lake refuses a strong
 * reference to a document that does not exist yet, so file order, where a post may come before its author,
 * would fail at a batch boundary. A reference cycle stays within one transaction, which may then run longer.
 */
export function buildImportBatches(docs: ImportedDocument[], size: number): ImportedDocument[][] {
  const byId = new Map(docs.map((doc) => [doc._id, doc]))
  const batches: ImportedDocument[][] = []
  const placed = new Set<string>()
  let batch: ImportedDocument[] = []
  // Ids the current batch refers to strongly that are in the import but not placed yet.
  const awaited = new Set<string>()
  for (const doc of orderDependenciesFirst(docs, byId)) {
    batch.push(doc)
    placed.add(doc._id)
    awaited.delete(doc._id)
    for (const ref of listStrongReferences(doc)) if (byId.has(ref) && !placed.has(ref)) awaited.add(ref)
    if (batch.length >= size && awaited.size === 0) {
      batches.push(batch)
      batch = []
    }
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

/** Depth-first, each document after the ones it refers to; in a cycle, one member necessarily comes first. */
function orderDependenciesFirst(
  docs: ImportedDocument[],
  byId: ReadonlyMap<string, ImportedDocument>,
): ImportedDocument[] {
  const ordered: ImportedDocument[] = []
  const emitted = new Set<ImportedDocument>()
  const seen = new Set<string>()
  const emit = (doc: ImportedDocument): void => {
    ordered.push(doc)
    emitted.add(doc)
  }
  for (const root of docs) {
    if (emitted.has(root)) continue
    // A second document with an id already placed keeps its place after the first, as in the file.
    if (seen.has(root._id)) {
      emit(root)
      continue
    }
    seen.add(root._id)
    // An explicit stack: a long chain of references must not exhaust the call stack.
    const stack: Array<{ doc: ImportedDocument; refs: string[] }> = [
      { doc: root, refs: [...listStrongReferences(root)] },
    ]
    while (stack.length > 0) {
      const top = stack[stack.length - 1]
      if (top === undefined) break
      const ref = top.refs.pop()
      if (ref === undefined) {
        emit(top.doc)
        stack.pop()
        continue
      }
      const target = byId.get(ref)
      if (target === undefined || seen.has(ref)) continue
      seen.add(ref)
      stack.push({ doc: target, refs: [...listStrongReferences(target)] })
    }
  }
  return ordered
}
