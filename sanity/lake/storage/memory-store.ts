import type { CommittedTransaction } from '../core/transaction.ts'
import { DatasetStates } from './dataset-state.ts'
import type { DocumentStore } from './document-store.ts'

export function createMemoryStore(): DocumentStore {
  const states = new DatasetStates()
  return {
    kind: 'memory',
    recovery: { corruptTail: null },
    reader: (dataset) => states.reader(dataset),
    listDatasets: () => states.listDatasets(),
    commit(transaction: CommittedTransaction) {
      states.apply(transaction)
      return Promise.resolve()
    },
    close: () => Promise.resolve(),
  }
}
