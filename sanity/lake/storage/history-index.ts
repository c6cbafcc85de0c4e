import type { LakeDocument } from '../core/document.ts'
import {
  DEFAULT_HISTORY_RETENTION,
  type HistoryEntry,
  type HistoryReader,
  type HistoryRetention,
} from '../core/history.ts'
import type { CommittedTransaction } from '../core/transaction.ts'
import type { DocumentEntries } from './document-store.ts'
import type { LogRecord } from './log-records.ts'

const DAY_MS = 86_400_000

/** Values a change had before its transaction, for the changes whose previous value history cannot supply. */
export type PreviousValues = readonly (readonly [id: string, doc: LakeDocument | null])[]

/** An entry some document history holds, and how many hold it (a transaction can change several documents). */
type HeldEntry = { entry: HistoryEntry; time: number; holders: number }

/**
 * The transactions within `HistoryRetention`, in memory, indexed by document. Log records store only
 * each document's new value, so the previous value is taken from the history itself.
 *
 * Invariants: every document history is in seq order and each of its entries is in `#held`, whose
 * insertion order is seq order too; so the first held entry is the first of each history it is in.
 */
export class HistoryIndex implements HistoryReader {
  readonly #retention: HistoryRetention
  #lastSeq = 0
  #newestTime = Number.NEGATIVE_INFINITY
  #held = new Map<number, HeldEntry>()
  /** The newest `recentTransactions` entries (from `#recentStart` on), whatever the document histories hold. */
  #recent: HistoryEntry[] = []
  #recentStart = 0
  #byDocument = new Map<string, HistoryEntry[]>()
  /** Each document's value after the last recorded transaction: the next change's previous value. */
  #latest = new Map<string, LakeDocument>()

  constructor(retention: Partial<HistoryRetention> = {}) {
    this.#retention = { ...DEFAULT_HISTORY_RETENTION, ...retention }
  }

  get lastSeq(): number {
    return this.#lastSeq
  }

  recordLog(record: LogRecord, previous: PreviousValues = []): void {
    const explicit = new Map(previous)
    void this.#add(record.seq, {
      id: record.tx,
      dataset: record.ds,
      timestamp: record.ts,
      author: record.au ?? 'lake',
      changes: record.docs.map(([id, after]) => ({
        id,
        before: explicit.has(id)
          ? (explicit.get(id) ?? null)
          : (this.#latest.get(documentKey(record.ds, id)) ?? null),
        after,
      })),
      results: [],
    })
  }

  /** Previous values are taken from the history itself, so they match what was stored. */
  record(seq: number, committed: CommittedTransaction): HistoryEntry {
    return this.#add(seq, {
      ...committed,
      changes: committed.changes.map((change) => ({
        ...change,
        before: this.#latest.get(documentKey(committed.dataset, change.id)) ?? null,
      })),
    })
  }

  /**
   * Restarts the previous-value chain from the live documents. A snapshot's history has gaps where
   * retention dropped transactions, so after it only the documents themselves say what came last.
   */
  continueFrom(documents: DocumentEntries): void {
    this.#latest.clear()
    for (const [dataset, doc] of documents) this.#latest.set(documentKey(dataset, doc._id), doc)
  }

  listSince(afterSeq: number): HistoryEntry[] {
    const firstRecentSeq = this.#recent[this.#recentStart]?.seq ?? Number.POSITIVE_INFINITY
    const entries: HistoryEntry[] = []
    if (afterSeq + 1 < firstRecentSeq) {
      for (const held of this.#held.values()) {
        if (held.entry.seq >= firstRecentSeq) break
        if (held.entry.seq > afterSeq) entries.push(held.entry)
      }
    }
    // The recent entries are in seq order, so the first newer one is found by binary search.
    let low = this.#recentStart
    let high = this.#recent.length
    while (low < high) {
      const middle = (low + high) >>> 1
      const entry = this.#recent[middle]
      if (entry !== undefined && entry.seq <= afterSeq) low = middle + 1
      else high = middle
    }
    for (let index = low; index < this.#recent.length; index++) {
      const entry = this.#recent[index]
      if (entry !== undefined) entries.push(entry)
    }
    return entries
  }

  listForDocument(dataset: string, id: string): HistoryEntry[] {
    return this.#byDocument.get(documentKey(dataset, id)) ?? []
  }

  #add(seq: number, transaction: CommittedTransaction): HistoryEntry {
    const entry: HistoryEntry = { seq, transaction }
    this.#lastSeq = Math.max(this.#lastSeq, seq)
    const time = Date.parse(transaction.timestamp)
    if (time > this.#newestTime) this.#newestTime = time
    const held: HeldEntry = { entry, time, holders: 0 }
    const keys: string[] = []
    for (const change of transaction.changes) {
      const key = documentKey(transaction.dataset, change.id)
      keys.push(key)
      const list = this.#byDocument.get(key)
      if (list) list.push(entry)
      else this.#byDocument.set(key, [entry])
      held.holders++
      if (change.after) this.#latest.set(key, change.after)
      else this.#latest.delete(key)
    }
    if (held.holders > 0) this.#held.set(seq, held)
    this.#keepRecent(entry)
    for (const key of keys) this.#trimDocument(key)
    this.#dropExpired()
    return entry
  }

  #keepRecent(entry: HistoryEntry): void {
    this.#recent.push(entry)
    if (this.#recent.length - this.#recentStart > this.#retention.recentTransactions) this.#recentStart++
    // Copying only once the dead prefix is as long as the window keeps each push O(1) on average.
    if (this.#recentStart > Math.max(this.#retention.recentTransactions, 64)) {
      this.#recent = this.#recent.slice(this.#recentStart)
      this.#recentStart = 0
    }
  }

  #trimDocument(key: string): void {
    const list = this.#byDocument.get(key)
    if (!list) return
    while (list.length > this.#retention.maxTransactionsPerDocument) {
      const oldest = list.shift()
      if (oldest) this.#release(oldest.seq)
    }
    if (list.length === 0) this.#byDocument.delete(key)
  }

  /** Drops entries older than the age limit; they come first in `#held` and in each of their histories. */
  #dropExpired(): void {
    const cutoff = this.#newestTime - this.#retention.maxAgeDays * DAY_MS
    for (const held of this.#held.values()) {
      if (!(held.time < cutoff)) break
      const { transaction } = held.entry
      for (const change of transaction.changes) {
        const key = documentKey(transaction.dataset, change.id)
        const list = this.#byDocument.get(key)
        if (list?.[0] !== held.entry) continue
        list.shift()
        if (list.length === 0) this.#byDocument.delete(key)
      }
      this.#held.delete(held.entry.seq)
    }
  }

  #release(seq: number): void {
    const held = this.#held.get(seq)
    if (!held) return
    held.holders--
    if (held.holders === 0) this.#held.delete(seq)
  }
}

export function documentKey(dataset: string, id: string): string {
  return `${dataset}\u0000${id}`
}
