import type { LakeDocument } from '../core/document.ts'
import type { HistoryEntry, HistoryReader } from '../core/history.ts'
import type { CommittedTransaction } from '../core/transaction.ts'
import type { LogRecord } from './log-records.ts'

/**
 * Every transaction since the data dir was created, in memory, indexed by document. Log records
 * store only each document's new value, so the previous value is recovered while replaying.
 */
export class HistoryIndex implements HistoryReader {
  #entries: HistoryEntry[] = []
  #byDocument = new Map<string, HistoryEntry[]>()
  #latest = new Map<string, LakeDocument>()

  get lastSeq(): number {
    return this.#entries.at(-1)?.seq ?? 0
  }

  recordLog(record: LogRecord): void {
    this.record(record.seq, {
      id: record.tx,
      dataset: record.ds,
      timestamp: record.ts,
      author: record.au ?? 'lake',
      changes: record.docs.map(([id, after]) => ({ id, before: null, after })),
      results: [],
    })
  }

  /** Previous values are taken from the history itself, so they match what was stored. */
  record(seq: number, committed: CommittedTransaction): void {
    const transaction: CommittedTransaction = {
      ...committed,
      changes: committed.changes.map((change) => ({
        ...change,
        before: this.#latest.get(documentKey(committed.dataset, change.id)) ?? null,
      })),
    }
    const entry: HistoryEntry = { seq, transaction }
    this.#entries.push(entry)
    for (const change of transaction.changes) {
      const key = documentKey(transaction.dataset, change.id)
      const list = this.#byDocument.get(key)
      if (list) list.push(entry)
      else this.#byDocument.set(key, [entry])
      if (change.after) this.#latest.set(key, change.after)
      else this.#latest.delete(key)
    }
  }

  listSince(afterSeq: number): HistoryEntry[] {
    // Entries are appended in seq order, so the first newer one is found by binary search.
    let low = 0
    let high = this.#entries.length
    while (low < high) {
      const middle = (low + high) >>> 1
      const entry = this.#entries[middle]
      if (entry !== undefined && entry.seq <= afterSeq) low = middle + 1
      else high = middle
    }
    return this.#entries.slice(low)
  }

  listForDocument(dataset: string, id: string): HistoryEntry[] {
    return this.#byDocument.get(documentKey(dataset, id)) ?? []
  }
}

function documentKey(dataset: string, id: string): string {
  return `${dataset}\u0000${id}`
}
