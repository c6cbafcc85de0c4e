import type { HistoryRetention } from '../core/history.ts'
import type { CommittedTransaction } from '../core/transaction.ts'
import { DatasetStates } from './dataset-state.ts'
import type { DocumentStore } from './document-store.ts'
import { HistoryIndex } from './history-index.ts'

export function createMemoryStore(options: { retention?: Partial<HistoryRetention> } = {}): DocumentStore {
  const states = new DatasetStates()
  const history = new HistoryIndex(options.retention)
  return {
    kind: 'memory',
    recovery: { corruptTail: null },
    history,
    reader: (dataset) => states.reader(dataset),
    listDatasets: () => states.listDatasets(),
    commit(transaction: CommittedTransaction) {
      states.apply(transaction)
      const seq = history.lastSeq + 1
      history.record(seq, transaction)
      return Promise.resolve(seq)
    },
    close: () => Promise.resolve(),
  }
}
