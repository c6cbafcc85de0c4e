import type { CommittedTransaction } from './transaction.ts'

/** A committed transaction and its position in the transaction log (1, 2, 3 … for the life of the data dir). */
export type HistoryEntry = { seq: number; transaction: CommittedTransaction }

/** Read access to the transactions the lake has kept (see `HistoryRetention`), oldest first. */
export type HistoryReader = {
  readonly lastSeq: number
  /**
   * Kept entries with `seq > afterSeq`, across datasets, oldest first. Complete (no gaps) for the
   * newest `recentTransactions`; older ones are there only while some document's history holds them.
   */
  listSince(afterSeq: number): HistoryEntry[]
  /** Entries of `dataset` that changed document `id` and are still within retention, oldest first. */
  listForDocument(dataset: string, id: string): HistoryEntry[]
}

/**
 * How much history the lake keeps beside its live documents, so memory and disk follow the live data
 * rather than the number of writes. Hosted Sanity keeps history for a plan-dependent number of days
 * (3, 90 or 365); a document's history here is cut by age and by count, whichever is shorter.
 */
export type HistoryRetention = {
  /** Measured back from the newest transaction, so a restart replays to the same history. */
  maxAgeDays: number
  maxTransactionsPerDocument: number
  /**
   * The newest this many transactions stay listable by `listSince` whatever the limits above: a
   * listener resumes from up to 1,000 missed transactions (MAX_RESUME_TRANSACTIONS in http/listen.ts).
   */
  recentTransactions: number
}

export const DEFAULT_HISTORY_RETENTION: HistoryRetention = {
  maxAgeDays: 90,
  maxTransactionsPerDocument: 100,
  recentTransactions: 1000,
}
