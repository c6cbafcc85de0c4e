import type { Clock, IdSource } from '../core/clock.ts'
import { buildTransaction, type TransactionInput, type TransactionOutcome } from '../core/transaction.ts'
import type { DocumentStore } from '../storage/document-store.ts'
import type { TransactionHub } from './hub.ts'

export type Writer = {
  /** Builds, commits and publishes one transaction; resolves after it is durable (or failed). */
  submit(input: TransactionInput, options?: { dryRun?: boolean }): Promise<TransactionOutcome>
}

export function createWriter(
  store: DocumentStore,
  hub: TransactionHub,
  deps: { clock: Clock; ids: IdSource; projectId: string },
): Writer {
  const tails = new Map<string, Promise<unknown>>()
  return {
    async submit(input, options = {}) {
      // Transactions of one dataset are built one at a time so each sees the previous one's result;
      // the lock is released before the fsync wait, so concurrent commits share one fsync.
      const previous = tails.get(input.dataset) ?? Promise.resolve()
      let release: () => void = () => {}
      const turn = new Promise<void>((resolve) => (release = resolve))
      const tail = previous.then(() => turn)
      tails.set(input.dataset, tail)
      await previous
      let durable: Promise<number> | null = null
      let outcome: TransactionOutcome
      try {
        outcome = await buildTransaction(store.reader(input.dataset), input, deps)
        if (outcome.ok && !options.dryRun && outcome.transaction.changes.length > 0)
          durable = store.commit(outcome.transaction)
      } finally {
        release()
        if (tails.get(input.dataset) === tail) tails.delete(input.dataset)
      }
      if (durable && outcome.ok) {
        // Durable promises resolve in commit order, so listeners see transactions in log order.
        hub.publish(outcome.transaction, await durable)
      }
      return outcome
    },
  }
}
