import { mkdir, open, rename, truncate, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { CommittedTransaction } from '../core/transaction.ts'
import { DatasetStates } from './dataset-state.ts'
import { syncDirectory, writeFileAtomically } from './disk-files.ts'
import type { DocumentStore } from './document-store.ts'
import { HistoryIndex } from './history-index.ts'
import { buildLogRecord, encodeLine } from './log-records.ts'
import { listSegments, loadSnapshot, replayLog, replaySegment } from './recovery.ts'

export class StorageWriteError extends Error {
  override name = 'StorageWriteError'
}

const DEFAULT_COMPACT_EVERY = 10_000

type PendingWrite = {
  line: string
  seq: number
  resolve: (seq: number) => void
  reject: (error: Error) => void
}

/**
 * Durable store: a snapshot plus an append-only transaction log under `<dir>`.
 * Invariant: a commit's promise resolves only after its log record has been fsynced.
 * Concurrent commits share one fsync.
 * Compaction never deletes a record: the log is renamed into `segments/` (history and webhook
 * recovery read every transaction ever committed) and the snapshot only makes start-up cheaper.
 */
export async function openDiskStore(
  dir: string,
  options: { compactEvery?: number } = {},
): Promise<DocumentStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const snapshotPath = join(dir, 'snapshot.ndjson')
  const logPath = join(dir, 'log.ndjson')
  const segmentDir = join(dir, 'segments')
  const states = new DatasetStates()
  const history = new HistoryIndex()
  const snapshotSeq = await loadSnapshot(snapshotPath, states)
  let seq = snapshotSeq
  for (const segment of await listSegments(segmentDir)) {
    const replayed = await replaySegment(segment, snapshotSeq, states)
    for (const record of replayed.valid) history.recordLog(record)
    seq = Math.max(seq, replayed.lastSeq)
  }
  const replay = await replayLog(logPath, snapshotSeq, states)
  for (const record of replay.valid) history.recordLog(record)
  seq = Math.max(seq, replay.lastSeq, history.lastSeq)
  const compactEvery = options.compactEvery ?? DEFAULT_COMPACT_EVERY

  let recordsInLog = replay.valid.length
  let pending: PendingWrite[] = []
  let flushing: Promise<void> | null = null
  let failure: Error | null = null

  if (replay.report.corruptTail !== null) {
    // The torn tail was never acknowledged and is saved beside the log; cut it off so appends
    // continue from the last good record.
    await truncate(logPath, replay.report.corruptTail.offset)
  }
  let log: FileHandle = await open(logPath, 'a', 0o600)
  await log.sync()
  await syncDirectory(dir)

  const compact = async (): Promise<void> => {
    // Rename first: a crash before the snapshot lands leaves the old snapshot plus segments, which
    // recovery replays in full, so no ordering between the two steps can lose a record.
    const coveredSeq = seq
    await log.close()
    await mkdir(segmentDir, { recursive: true, mode: 0o700 })
    await rename(logPath, join(segmentDir, `log-${String(coveredSeq).padStart(12, '0')}.ndjson`))
    await syncDirectory(segmentDir)
    log = await open(logPath, 'a', 0o600)
    await log.sync()
    await syncDirectory(dir)
    const lines = function* () {
      yield encodeLine({ snapshot: 1, seq: coveredSeq })
      for (const [ds, doc] of states.entries()) yield encodeLine({ ds, doc })
    }
    await writeFileAtomically(snapshotPath, lines())
    recordsInLog = 0
  }

  const flushLoop = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending
      pending = []
      try {
        await log.write(batch.map((write) => write.line).join(''))
        await log.datasync()
        recordsInLog += batch.length
        for (const write of batch) write.resolve(write.seq)
        if (recordsInLog >= compactEvery && pending.length === 0) await compact()
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
    history,
    reader: (dataset) => states.reader(dataset),
    listDatasets: () => states.listDatasets(),
    commit(transaction: CommittedTransaction) {
      if (failure) return Promise.reject(failure)
      seq++
      const entrySeq = seq
      const line = encodeLine(buildLogRecord(entrySeq, transaction))
      states.apply(transaction)
      history.record(entrySeq, transaction)
      return new Promise<number>((resolve, reject) => {
        pending.push({ line, seq: entrySeq, resolve, reject })
        flushing ??= flushLoop()
      })
    },
    async close() {
      while (flushing) await flushing
      await log.close()
    },
  }
}
