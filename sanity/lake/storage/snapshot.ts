import type { LakeDocument } from '../core/document.ts'
import type { HistoryEntry } from '../core/history.ts'
import type { DatasetStates } from './dataset-state.ts'
import { documentKey, type HistoryIndex } from './history-index.ts'
import {
  buildLogRecord,
  decodeLine,
  encodeLine,
  snapshotHeaderSchema,
  snapshotLineSchema,
} from './log-records.ts'
import { readOptionalBuffer, StorageCorruptError } from './recovery.ts'

export type LoadedSnapshot = {
  /** The last log position the snapshot covers (0 without a snapshot). */
  seq: number
  /** Whether it holds the kept history; if not (format 1), every log segment still does. */
  holdsHistory: boolean
  bytes: number
}

/** The lines of a format-2 snapshot: the live documents, then the history kept through `seq`, oldest first. */
export function* buildSnapshotLines(
  seq: number,
  documents: Iterable<readonly [string, LakeDocument]>,
  history: readonly HistoryEntry[],
): Generator<string> {
  yield encodeLine({ snapshot: 2, seq })
  for (const [ds, doc] of documents) yield encodeLine({ ds, doc })
  // Loading rebuilds each previous value from the entry before it; only where retention dropped the
  // entry in between does the previous value have to be written out.
  const previous = new Map<string, LakeDocument | null>()
  for (const entry of history) {
    const { transaction } = entry
    const before: [string, LakeDocument | null][] = []
    for (const change of transaction.changes) {
      const key = documentKey(transaction.dataset, change.id)
      if (change.before !== (previous.get(key) ?? null)) before.push([change.id, change.before])
      previous.set(key, change.after)
    }
    const record = buildLogRecord(entry.seq, transaction)
    yield encodeLine({ history: before.length > 0 ? { ...record, before } : record })
  }
}

/** Loads the snapshot's documents into `states` and its history (format 2) into `history`. */
export async function loadSnapshot(
  path: string,
  states: DatasetStates,
  history: HistoryIndex,
): Promise<LoadedSnapshot> {
  const buffer = await readOptionalBuffer(path)
  if (buffer === null) return { seq: 0, holdsHistory: false, bytes: 0 }
  const lines = splitLines(buffer)
  const first = lines.next()
  if (first.done === true) throw new StorageCorruptError(`Snapshot ${path} is empty`)
  const header = snapshotHeaderSchema.safeParse(decodeOrThrow(first.value, path))
  if (!header.success) throw new StorageCorruptError(`Snapshot ${path} has no valid header`)
  for (const line of lines) {
    const parsed = snapshotLineSchema.safeParse(decodeOrThrow(line, path))
    // The snapshot only becomes visible through an atomic rename, so any bad line is real damage, not a torn write.
    if (!parsed.success)
      throw new StorageCorruptError(`Snapshot ${path} holds an invalid line`, { cause: parsed.error })
    if ('history' in parsed.data) {
      const { before, ...record } = parsed.data.history
      history.recordLog(record, before)
    } else {
      states.put(parsed.data.ds, parsed.data.doc._id, parsed.data.doc)
    }
  }
  const holdsHistory = header.data.snapshot === 2
  if (holdsHistory) history.continueFrom(states.entries())
  return { seq: header.data.seq, holdsHistory, bytes: buffer.length }
}

/** Lines without building one string of the whole file (a snapshot holds all live data). */
function* splitLines(buffer: Buffer): Generator<string, void, undefined> {
  let offset = 0
  while (offset < buffer.length) {
    const newline = buffer.indexOf(0x0a, offset)
    const end = newline === -1 ? buffer.length : newline
    if (end > offset) yield buffer.toString('utf8', offset, end)
    offset = end + 1
  }
}

function decodeOrThrow(line: string, path: string): unknown {
  const decoded = decodeLine(line)
  if (!decoded.ok) throw new StorageCorruptError(`Snapshot ${path} is damaged (${decoded.reason})`)
  return decoded.value
}
