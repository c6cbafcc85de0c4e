import type { CommittedTransaction } from '../core/transaction.ts'

export type TransactionListener = (transaction: CommittedTransaction, sequence: number) => void

/** In-process fan-out of durable transactions to listeners and webhooks, in commit order. */
export class TransactionHub {
  #listeners = new Set<TransactionListener>()
  #sequence = 0

  subscribe(listener: TransactionListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  publish(transaction: CommittedTransaction): void {
    this.#sequence++
    for (const listener of this.#listeners) {
      try {
        listener(transaction, this.#sequence)
      } catch (error) {
        // One broken subscriber must not starve the others; the error is still visible.
        console.error('[lake] transaction subscriber failed', error)
      }
    }
  }

  get size(): number {
    return this.#listeners.size
  }
}
