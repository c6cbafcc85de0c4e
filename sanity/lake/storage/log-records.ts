import { crc32 } from 'node:zlib'
import { z } from 'zod'
import { lakeDocumentSchema } from '../core/document.ts'
import type { CommittedTransaction } from '../core/transaction.ts'

/**
 * Log line format: `<crc32 of json, 8 hex>\t<json>\n`. The checksum makes a torn or bit-flipped
 * record detectable; the sequence number lets recovery skip records a snapshot already contains.
 */
export const logRecordSchema = z.object({
  seq: z.number().int().positive(),
  tx: z.string(),
  ds: z.string(),
  ts: z.string(),
  au: z.string().optional(),
  docs: z.array(z.tuple([z.string(), lakeDocumentSchema.nullable()])),
})
export type LogRecord = z.infer<typeof logRecordSchema>

/**
 * Snapshot format 1 holds the live documents only (history stays in every log segment); format 2 also
 * holds the history kept by retention, so the segments it covers can be deleted.
 */
export const snapshotHeaderSchema = z.object({
  snapshot: z.union([z.literal(1), z.literal(2)]),
  seq: z.number().int().nonnegative(),
})
export const snapshotEntrySchema = z.object({ ds: z.string(), doc: lakeDocumentSchema })
/** `before` lists the previous values the history before this entry cannot supply (retention left a gap). */
export const snapshotHistorySchema = z.object({
  history: logRecordSchema.extend({
    before: z.array(z.tuple([z.string(), lakeDocumentSchema.nullable()])).optional(),
  }),
})
export const snapshotLineSchema = z.union([snapshotHistorySchema, snapshotEntrySchema])

export function buildLogRecord(seq: number, transaction: CommittedTransaction): LogRecord {
  return {
    seq,
    tx: transaction.id,
    ds: transaction.dataset,
    ts: transaction.timestamp,
    au: transaction.author,
    docs: transaction.changes.map((change) => [change.id, change.after]),
  }
}

export function encodeLine(value: unknown): string {
  const json = JSON.stringify(value)
  return `${checksum(json)}\t${json}\n`
}

export type DecodedLine = { ok: true; value: unknown } | { ok: false; reason: string }

export function decodeLine(line: string): DecodedLine {
  const tab = line.indexOf('\t')
  if (tab !== 8) return { ok: false, reason: 'missing checksum' }
  const json = line.slice(tab + 1)
  if (checksum(json) !== line.slice(0, 8)) return { ok: false, reason: 'checksum mismatch' }
  try {
    return { ok: true, value: JSON.parse(json) }
  } catch {
    return { ok: false, reason: 'invalid JSON' }
  }
}

function checksum(text: string): string {
  return crc32(text).toString(16).padStart(8, '0')
}
