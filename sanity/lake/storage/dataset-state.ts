import type { LakeDocument } from '../core/document.ts'
import type { DocumentReader } from '../core/reader.ts'
import type { CommittedTransaction } from '../core/transaction.ts'

/** In-memory documents of every dataset, indexed by `_id` and `_type`. Both stores keep one. */
export class DatasetStates {
  #datasets = new Map<string, DatasetState>()

  reader(dataset: string): DocumentReader {
    return this.#get(dataset)
  }

  listDatasets(): string[] {
    return [...this.#datasets.keys()]
  }

  put(dataset: string, id: string, doc: LakeDocument | null): void {
    this.#get(dataset).put(id, doc)
  }

  apply(transaction: CommittedTransaction): void {
    const state = this.#get(transaction.dataset)
    for (const change of transaction.changes) state.put(change.id, change.after)
  }

  *entries(): Iterable<[string, LakeDocument]> {
    for (const [name, state] of this.#datasets) for (const doc of state.listDocuments()) yield [name, doc]
  }

  #get(dataset: string): DatasetState {
    let state = this.#datasets.get(dataset)
    if (!state) {
      state = new DatasetState()
      this.#datasets.set(dataset, state)
    }
    return state
  }
}

class DatasetState implements DocumentReader {
  version = 0
  #byId = new Map<string, LakeDocument>()
  #byType = new Map<string, Map<string, LakeDocument>>()

  getDocument(id: string): LakeDocument | null {
    return this.#byId.get(id) ?? null
  }

  listDocuments(): Iterable<LakeDocument> {
    return this.#byId.values()
  }

  listByType(type: string): Iterable<LakeDocument> {
    return this.#byType.get(type)?.values() ?? []
  }

  put(id: string, doc: LakeDocument | null): void {
    const previous = this.#byId.get(id)
    if (previous) this.#byType.get(previous._type)?.delete(id)
    if (doc) {
      // Stored documents are shared with every reader; freezing turns an accidental write into an error.
      Object.freeze(doc)
      this.#byId.set(id, doc)
      let typed = this.#byType.get(doc._type)
      if (!typed) {
        typed = new Map()
        this.#byType.set(doc._type, typed)
      }
      typed.set(id, doc)
    } else {
      this.#byId.delete(id)
    }
    this.version++
  }
}
