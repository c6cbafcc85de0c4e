import type { CommittedTransaction } from './transaction.ts'

/** A committed transaction and its position in the transaction log (1, 2, 3 … for the life of the data dir). */
export type HistoryEntry = { seq: number; transaction: CommittedTransaction }

/** Read access to every transaction the lake has kept, oldest first. */
export type HistoryReader = {
  readonly lastSeq: number
  /** Entries with `seq > afterSeq`, across datasets, oldest first. */
  listSince(afterSeq: number): HistoryEntry[]
  /** Entries of `dataset` that changed document `id`, oldest first. */
  listForDocument(dataset: string, id: string): HistoryEntry[]
}
