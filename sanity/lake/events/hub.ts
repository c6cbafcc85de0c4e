import type { CommittedTransaction } from '../core/transaction.ts'

export type TransactionListener = (transaction: CommittedTransaction, seq: number) => void

/** In-process fan-out of durable transactions to listeners and webhooks, in commit order. */
export class TransactionHub {
  #listeners = new Set<TransactionListener>()
  #lastSeq: number

  constructor(lastSeq = 0) {
    this.#lastSeq = lastSeq
  }

  subscribe(listener: TransactionListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** `seq` is the transaction's log position: listeners use it as a resumable event id. */
  publish(transaction: CommittedTransaction, seq: number): void {
    this.#lastSeq = Math.max(this.#lastSeq, seq)
    for (const listener of this.#listeners) {
      try {
        listener(transaction, seq)
      } catch (error) {
        // One broken subscriber must not starve the others; the error is still visible.
        console.error('[lake] transaction subscriber failed', error)
      }
    }
  }

  /** The newest published (hence durable) log position. */
  get lastSeq(): number {
    return this.#lastSeq
  }

  get size(): number {
    return this.#listeners.size
  }
}
