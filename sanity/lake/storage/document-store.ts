import type { LakeDocument } from '../core/document.ts'
import type { HistoryReader } from '../core/history.ts'
import type { DocumentReader } from '../core/reader.ts'
import type { CommittedTransaction } from '../core/transaction.ts'

/** What the store found wrong at start-up and set aside (never silently loaded). */
export type RecoveryReport = {
  corruptTail: null | { offset: number; bytes: number; reason: string; savedTo: string }
}

/** One interface, two implementations (memory, disk); the shared contract suite runs against both. */
export type DocumentStore = {
  readonly kind: 'memory' | 'disk'
  readonly recovery: RecoveryReport
  /** Committed transactions within the history retention, for history, listener resume and webhook recovery. */
  readonly history: HistoryReader
  reader(dataset: string): DocumentReader
  listDatasets(): string[]
  /**
   * Applies the transaction to the readable state before returning, and resolves once it is durable.
   * Callers acknowledge a write only after the promise resolves. Resolves with the transaction's
   * log position, which never changes (not even across restarts).
   */
  commit(transaction: CommittedTransaction): Promise<number>
  close(): Promise<void>
}

export type DocumentEntries = Iterable<[dataset: string, doc: LakeDocument]>
