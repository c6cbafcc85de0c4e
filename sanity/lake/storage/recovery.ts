import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeLine, logRecordSchema, type LogRecord } from './log-records.ts'
import type { DatasetStates } from './dataset-state.ts'
import type { RecoveryReport } from './document-store.ts'

export class StorageCorruptError extends Error {
  override name = 'StorageCorruptError'
}

export type LogReplay = {
  lastSeq: number
  /** How many records were applied on top of the snapshot. */
  records: number
  report: RecoveryReport
  /** Every valid record of the file, including those the snapshot already holds (history needs them). */
  valid: LogRecord[]
}

/**
 * Replays log records newer than `afterSeq`. A bad record at the very end is a torn write from a
 * crash: it was never acknowledged, so it is cut off and saved beside the log for inspection.
 * A bad record followed by good ones is damage: start-up stops rather than load around a hole.
 */
export async function replayLog(path: string, afterSeq: number, states: DatasetStates): Promise<LogReplay> {
  const buffer = await readOptionalBuffer(path)
  let lastSeq = afterSeq
  let records = 0
  if (buffer === null) return { lastSeq, records, report: { corruptTail: null }, valid: [] }
  let offset = 0
  const valid: LogRecord[] = []
  let bad: { offset: number; reason: string } | null = null
  while (offset < buffer.length) {
    const newline = buffer.indexOf(0x0a, offset)
    const end = newline === -1 ? buffer.length : newline
    const line = buffer.subarray(offset, end).toString('utf8')
    const decoded =
      newline === -1 ? { ok: false as const, reason: 'record without line end' } : decodeLine(line)
    const parsed = decoded.ok ? logRecordSchema.safeParse(decoded.value) : null
    if (!parsed?.success) {
      const reason = decoded.ok ? 'invalid record shape' : decoded.reason
      if (bad === null) bad = { offset, reason }
    } else if (bad !== null) {
      throw new StorageCorruptError(
        `Transaction log ${path} is damaged at byte ${bad.offset} (${bad.reason}) with valid records after it`,
      )
    } else {
      valid.push(parsed.data)
    }
    offset = end + 1
  }
  for (const record of valid) {
    if (record.seq <= afterSeq) continue
    for (const [id, doc] of record.docs) states.put(record.ds, id, doc)
    lastSeq = record.seq
    records++
  }
  if (bad === null) return { lastSeq, records, report: { corruptTail: null }, valid }
  const savedTo = `${path}.corrupt-${Date.now()}`
  await writeFile(savedTo, buffer.subarray(bad.offset), { mode: 0o600 })
  return {
    lastSeq,
    records,
    valid,
    report: {
      corruptTail: { offset: bad.offset, bytes: buffer.length - bad.offset, reason: bad.reason, savedTo },
    },
  }
}

export type LogSegment = { path: string; lastSeq: number }

const SEGMENT_NAME = /^log-\d{12}\.ndjson$/

/**
 * The rotated log segments in `<dir>`, oldest first. A segment is named after the last log position
 * it holds, which is also the position the snapshot written right after its rotation covers.
 */
export async function listSegments(dir: string): Promise<LogSegment[]> {
  try {
    const names = await readdir(dir)
    return names
      .filter((name) => SEGMENT_NAME.test(name))
      .sort()
      .map((name) => ({ path: join(dir, name), lastSeq: Number(name.slice(4, 16)) }))
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return []
    throw error
  }
}

export function buildSegmentName(lastSeq: number): string {
  return `log-${String(lastSeq).padStart(12, '0')}.ndjson`
}

/**
 * Replays a rotated segment. Segments were fsynced before they were renamed into place, so any
 * bad record in one is damage rather than a torn write, and start-up stops.
 */
export async function replaySegment(
  path: string,
  afterSeq: number,
  states: DatasetStates,
): Promise<LogReplay> {
  const replay = await replayLog(path, afterSeq, states)
  if (replay.report.corruptTail !== null)
    throw new StorageCorruptError(`Log segment ${path} is damaged (${replay.report.corruptTail.reason})`)
  return replay
}

/** The file's bytes, or `null` when it does not exist. */
export async function readOptionalBuffer(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null
    throw error
  }
}
