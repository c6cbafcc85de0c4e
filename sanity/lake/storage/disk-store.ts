import { mkdir, open, rename, rm, stat, truncate, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { LakeDocument } from '../core/document.ts'
import type { HistoryEntry, HistoryRetention } from '../core/history.ts'
import type { CommittedTransaction } from '../core/transaction.ts'
import { DatasetStates } from './dataset-state.ts'
import { syncDirectory, writeFileAtomically } from './disk-files.ts'
import type { DocumentStore } from './document-store.ts'
import { documentKey, HistoryIndex } from './history-index.ts'
import { buildLogRecord, encodeLine } from './log-records.ts'
import { buildSegmentName, listSegments, replayLog, replaySegment } from './recovery.ts'
import { buildSnapshotLines, loadSnapshot } from './snapshot.ts'

export class StorageWriteError extends Error {
  override name = 'StorageWriteError'
}

const DEFAULT_COMPACT_EVERY = 10_000

type PendingWrite = {
  line: string
  /** As history recorded it, with the previous values the snapshot needs to undo it. */
  entry: HistoryEntry
  resolve: (seq: number) => void
  reject: (error: Error) => void
}

export type DiskStoreOptions = {
  /**
   * Compact once the log holds at least this many records and at least as many bytes as the
   * snapshot: the byte rule keeps each compaction's rewrite no larger than what the log added.
   */
  compactEvery?: number
  retention?: Partial<HistoryRetention>
}

/**
 * Durable store: a snapshot plus an append-only transaction log under `<dir>`.
 * Invariant: a commit's promise resolves only after its log record has been fsynced.
 * Concurrent commits share one fsync.
 * Compaction rotates the log into `segments/`, writes a snapshot of the live documents and the history
 * that retention keeps, and only then deletes the segments that snapshot covers. Each step is durable
 * before the next, so a crash anywhere leaves a snapshot plus every segment after it (see `openDiskStore`).
 */
export async function openDiskStore(dir: string, options: DiskStoreOptions = {}): Promise<DocumentStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const snapshotPath = join(dir, 'snapshot.ndjson')
  const logPath = join(dir, 'log.ndjson')
  const segmentDir = join(dir, 'segments')
  const states = new DatasetStates()
  const history = new HistoryIndex(options.retention)
  // A compaction that crashed while writing its snapshot left the old one in place and this behind.
  await rm(`${snapshotPath}.tmp`, { force: true })
  const snapshot = await loadSnapshot(snapshotPath, states, history)
  // A format-2 snapshot holds the kept history, so the segments it covers add nothing; a format-1
  // snapshot (written before retention) does not, and history is read from every segment.
  const historyAfter = snapshot.holdsHistory ? snapshot.seq : 0
  const segments = await listSegments(segmentDir)
  const obsolete = segments.filter((segment) => snapshot.holdsHistory && segment.lastSeq <= snapshot.seq)
  let seq = snapshot.seq
  for (const segment of segments) {
    if (obsolete.includes(segment)) continue
    const replayed = await replaySegment(segment.path, snapshot.seq, states)
    for (const record of replayed.valid) if (record.seq > historyAfter) history.recordLog(record)
    seq = Math.max(seq, replayed.lastSeq)
  }
  const replay = await replayLog(logPath, snapshot.seq, states)
  for (const record of replay.valid) if (record.seq > historyAfter) history.recordLog(record)
  seq = Math.max(seq, replay.lastSeq, history.lastSeq)
  const compactEvery = options.compactEvery ?? DEFAULT_COMPACT_EVERY

  let recordsInLog = replay.valid.length
  let pending: PendingWrite[] = []
  let flushing: Promise<void> | null = null
  let compaction: Promise<void> | null = null
  let failure: Error | null = null
  let durableSeq = seq

  if (replay.report.corruptTail !== null) {
    // The torn tail was never acknowledged and is saved beside the log; cut it off so appends
    // continue from the last good record.
    await truncate(logPath, replay.report.corruptTail.offset)
  }
  let log: FileHandle = await open(logPath, 'a', 0o600)
  await log.sync()
  await syncDirectory(dir)
  let logBytes = (await log.stat()).size
  let snapshotBytes = snapshot.bytes
  // A crash after a snapshot landed but before the segments it covers were deleted: finish the job.
  await deleteSegments(
    segmentDir,
    obsolete.map((segment) => segment.path),
  )

  // Rotate first: a crash before the snapshot lands leaves the old snapshot plus segments, which
  // recovery replays in full, so no ordering between the steps can lose a record.
  const rotate = async (coveredSeq: number): Promise<void> => {
    await log.close()
    await mkdir(segmentDir, { recursive: true, mode: 0o700 })
    await rename(logPath, join(segmentDir, buildSegmentName(coveredSeq)))
    await syncDirectory(segmentDir)
    log = await open(logPath, 'a', 0o600)
    await log.sync()
    await syncDirectory(dir)
    recordsInLog = 0
    logBytes = 0
  }

  /** Runs beside new appends: it only reads what was taken at `coveredSeq` and touches no file the log uses. */
  const writeSnapshot = async (
    coveredSeq: number,
    documents: readonly (readonly [string, LakeDocument])[],
    kept: readonly HistoryEntry[],
  ): Promise<void> => {
    await writeFileAtomically(snapshotPath, buildSnapshotLines(coveredSeq, documents, kept))
    snapshotBytes = (await stat(snapshotPath)).size
    // Only now are the segments through coveredSeq redundant; deleted earlier, a crash would lose them.
    const covered = await listSegments(segmentDir)
    await deleteSegments(
      segmentDir,
      covered.filter((segment) => segment.lastSeq <= coveredSeq).map((segment) => segment.path),
    )
  }

  const startCompaction = async (): Promise<void> => {
    // Taken in one synchronous step: the log through coveredSeq is durable and `pending` holds the
    // rest, whose changes are already visible in `states` and are undone for the snapshot.
    const coveredSeq = durableSeq
    const documents = listDocumentsBefore(states, pending)
    const kept = history.listSince(0).filter((entry) => entry.seq <= coveredSeq)
    await rotate(coveredSeq)
    compaction = writeSnapshot(coveredSeq, documents, kept)
      .catch((error: unknown) => {
        failure = new StorageWriteError('Could not write the compacted snapshot', { cause: error })
      })
      .finally(() => {
        compaction = null
      })
  }

  const flushLoop = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending
      pending = []
      try {
        const text = batch.map((write) => write.line).join('')
        await log.write(text)
        await log.datasync()
        recordsInLog += batch.length
        logBytes += Buffer.byteLength(text)
        durableSeq = batch.at(-1)?.entry.seq ?? durableSeq
        for (const write of batch) write.resolve(write.entry.seq)
        if (compaction === null && recordsInLog >= compactEvery && logBytes >= snapshotBytes)
          await startCompaction()
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
      const line = encodeLine(buildLogRecord(seq, transaction))
      states.apply(transaction)
      const entry = history.record(seq, transaction)
      return new Promise<number>((resolve, reject) => {
        pending.push({ line, entry, resolve, reject })
        flushing ??= flushLoop()
      })
    },
    async close() {
      while (flushing) await flushing
      while (compaction) await compaction
      await log.close()
    },
  }
}

/** The live documents as they were before the `pending` (newest last) writes changed them. */
function listDocumentsBefore(
  states: DatasetStates,
  pending: readonly PendingWrite[],
): (readonly [string, LakeDocument])[] {
  if (pending.length === 0) return [...states.entries()]
  const documents = new Map<string, readonly [string, LakeDocument]>()
  for (const [dataset, doc] of states.entries()) documents.set(documentKey(dataset, doc._id), [dataset, doc])
  for (const { entry } of [...pending].reverse()) {
    const { dataset, changes } = entry.transaction
    for (const change of changes) {
      const key = documentKey(dataset, change.id)
      if (change.before) documents.set(key, [dataset, change.before])
      else documents.delete(key)
    }
  }
  return [...documents.values()]
}

async function deleteSegments(segmentDir: string, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return
  for (const path of paths) await rm(path, { force: true })
  await syncDirectory(segmentDir)
}
