import type { LakeDocument } from './document.ts'
import type { HistoryEntry } from './history.ts'

/** One line of `GET /data/history/:dataset/transactions/:ids` (NDJSON). */
export type HistoryTransaction = {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  effects: Record<string, { apply: unknown[]; revert: unknown[] }>
}

export type TransactionRange = {
  /** Inclusive bounds by transaction id; an unknown or empty id leaves that side open. */
  fromTransaction?: string
  toTransaction?: string
  /** Newest first, as the Studio's timeline pages backwards. */
  reverse: boolean
  limit: number
  includeIdentifiedDocumentsOnly: boolean
}

/** `entries` must be the (oldest-first) history of the requested documents, merged and deduplicated. */
export function selectTransactions(
  entries: readonly HistoryEntry[],
  ids: ReadonlySet<string>,
  range: TransactionRange,
): HistoryTransaction[] {
  const fromSeq = findSeq(entries, range.fromTransaction) ?? -Infinity
  const toSeq = findSeq(entries, range.toTransaction) ?? Infinity
  const inRange = entries.filter((entry) => entry.seq >= fromSeq && entry.seq <= toSeq)
  const ordered = range.reverse ? [...inRange].reverse() : inRange
  return ordered
    .slice(0, range.limit)
    .map((entry) => toHistoryTransaction(entry, ids, range.includeIdentifiedDocumentsOnly))
}

function findSeq(entries: readonly HistoryEntry[], transactionId: string | undefined): number | null {
  if (transactionId === undefined || transactionId === '') return null
  return entries.find((entry) => entry.transaction.id === transactionId)?.seq ?? null
}

function toHistoryTransaction(
  entry: HistoryEntry,
  ids: ReadonlySet<string>,
  onlyIdentified: boolean,
): HistoryTransaction {
  const changes = entry.transaction.changes.filter((change) => !onlyIdentified || ids.has(change.id))
  const effects: HistoryTransaction['effects'] = {}
  for (const change of changes) {
    // Whole-value mendoza patches: `[0, value]` sets the document, `[0, null]` deletes it.
    effects[change.id] = { apply: [0, withoutRev(change.after)], revert: [0, withoutRev(change.before)] }
  }
  return {
    id: entry.transaction.id,
    timestamp: entry.transaction.timestamp,
    author: entry.transaction.author ?? 'lake',
    documentIDs: changes.map((change) => change.id),
    effects,
  }
}

export function withoutRev(doc: LakeDocument | null): Record<string, unknown> | null {
  if (doc === null) return null
  const rest: Record<string, unknown> = { ...doc }
  delete rest._rev
  return rest
}

export type DocumentMoment =
  { kind: 'revision'; revision: string } | { kind: 'time'; time: Date } | { kind: 'last' }

/**
 * The document as it was right after transaction `revision`, at `time`, or in its last stored
 * version (even when it has since been deleted). `null` when it did not exist then.
 */
export function findDocumentAt(
  history: readonly HistoryEntry[],
  id: string,
  moment: DocumentMoment,
): LakeDocument | null {
  let found: LakeDocument | null = null
  for (const entry of history) {
    const change = entry.transaction.changes.find((candidate) => candidate.id === id)
    if (!change) continue
    switch (moment.kind) {
      case 'revision':
        found = change.after
        if (entry.transaction.id === moment.revision) return found
        break
      case 'time':
        if (Date.parse(entry.transaction.timestamp) > moment.time.getTime()) return found
        found = change.after
        break
      case 'last':
        // A delete still carries the version it removed, which matters once retention has
        // dropped every earlier entry of the document.
        found = change.after ?? change.before ?? found
        break
      default:
        return assertMoment(moment)
    }
  }
  return moment.kind === 'revision' ? null : found
}

function assertMoment(value: never): never {
  throw new Error(`Unhandled moment: ${JSON.stringify(value)}`)
}
