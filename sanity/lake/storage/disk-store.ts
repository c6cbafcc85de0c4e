import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { CommittedTransaction } from '../core/transaction.ts'
import { DatasetStates } from './dataset-state.ts'
import { syncDirectory, writeFileAtomically } from './disk-files.ts'
import type { DocumentStore } from './document-store.ts'
import { buildLogRecord, encodeLine } from './log-records.ts'
import { loadSnapshot, replayLog } from './recovery.ts'

export class StorageWriteError extends Error {
  override name = 'StorageWriteError'
}

const DEFAULT_COMPACT_EVERY = 10_000

type PendingWrite = { line: string; resolve: () => void; reject: (error: Error) => void }

/**
 * Durable store: a snapshot plus an append-only transaction log under `<dir>`.
 * Invariant: a commit's promise resolves only after its log record has been fsynced (or a
 * snapshot containing it has been renamed into place). Concurrent commits share one fsync.
 */
export async function openDiskStore(
  dir: string,
  options: { compactEvery?: number } = {},
): Promise<DocumentStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const snapshotPath = join(dir, 'snapshot.ndjson')
  const logPath = join(dir, 'log.ndjson')
  const states = new DatasetStates()
  const snapshotSeq = await loadSnapshot(snapshotPath, states)
  const replay = await replayLog(logPath, snapshotSeq, states)
  const compactEvery = options.compactEvery ?? DEFAULT_COMPACT_EVERY

  let seq = replay.lastSeq
  let recordsInLog = replay.records
  let log: FileHandle
  let pending: PendingWrite[] = []
  let flushing: Promise<void> | null = null
  let failure: Error | null = null

  const compact = async (): Promise<void> => {
    const coveredSeq = seq
    const lines = function* () {
      yield encodeLine({ snapshot: 1, seq: coveredSeq })
      for (const [ds, doc] of states.entries()) yield encodeLine({ ds, doc })
    }
    await writeFileAtomically(snapshotPath, lines())
    // Every record written so far has seq <= coveredSeq, so the snapshot now holds all of them.
    await log.close()
    log = await open(logPath, 'w', 0o600)
    await log.sync()
    recordsInLog = 0
  }

  if (replay.report.corruptTail !== null || recordsInLog >= compactEvery) {
    // Rewriting through a snapshot drops the torn tail from the log in a crash-safe way.
    log = await open(logPath, 'a', 0o600)
    await compact()
  } else {
    log = await open(logPath, 'a', 0o600)
    await syncDirectory(dir)
  }

  const flushLoop = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending
      pending = []
      try {
        await log.write(batch.map((write) => write.line).join(''))
        await log.datasync()
        recordsInLog += batch.length
        if (recordsInLog >= compactEvery) await compact()
        for (const write of batch) write.resolve()
      } catch (error) {
        failure = new StorageWriteError('Could not make the transaction log durable', { cause: error })
        for (const write of [...batch, ...pending]) write.reject(failure)
        pending = []
      }
    }
    flushing = null
  }

  return {
    kind: 'disk',
    recovery: replay.report,
    reader: (dataset) => states.reader(dataset),
    listDatasets: () => states.listDatasets(),
    commit(transaction: CommittedTransaction) {
      if (failure) return Promise.reject(failure)
      seq++
      const line = encodeLine(buildLogRecord(seq, transaction))
      states.apply(transaction)
      return new Promise<void>((resolve, reject) => {
        pending.push({ line, resolve, reject })
        flushing ??= flushLoop()
      })
    },
    async close() {
      while (flushing) await flushing
      await log.close()
    },
  }
}
