import { z } from 'zod'
import { canReadDocument } from '../core/access.ts'
import { toPublishedId } from '../core/document.ts'
import type { HistoryEntry } from '../core/history.ts'
import {
  listDocumentEvents,
  listGroupIds,
  readVariantType,
  type DocumentEvent,
} from '../core/history-events.ts'
import { findDocumentAt, selectTransactions, type DocumentMoment } from '../core/history-transactions.ts'
import type { LakeRuntime } from '../runtime.ts'
import { buildGatewayError, buildLakeError } from './errors.ts'
import type { LakeRequest } from './request.ts'
import { sendJson, startResponse } from './respond.ts'

const MAX_TRANSACTIONS = 1000

const transactionsQuerySchema = z.object({
  fromTransaction: z.string().optional(),
  toTransaction: z.string().optional(),
  reverse: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_TRANSACTIONS).optional(),
  includeIdentifiedDocumentsOnly: z.enum(['true', 'false']).optional(),
})

const eventsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_TRANSACTIONS).default(100),
  nextCursor: z.string().optional(),
})

/** The history API needs a token: it shows drafts and who changed what. */
function assertCanReadHistory(request: LakeRequest): void {
  if (request.caller.access === 'anonymous')
    throw buildGatewayError(401, 'Unauthorized', 'History needs a token')
}

function parseIds(request: LakeRequest, idList: string): string[] {
  return [...new Set(idList.split(',').filter((id) => id !== ''))].filter((id) =>
    canReadDocument(request.caller.access, id),
  )
}

function mergeHistories(lake: LakeRuntime, dataset: string, ids: readonly string[]): HistoryEntry[] {
  const bySeq = new Map<number, HistoryEntry>()
  for (const id of ids)
    for (const entry of lake.store.history.listForDocument(dataset, id)) bySeq.set(entry.seq, entry)
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq)
}

/** `GET /data/history/:dataset/transactions/:ids`: NDJSON, one line per transaction. */
export function handleHistoryTransactions(
  request: LakeRequest,
  dataset: string,
  idList: string,
  lake: LakeRuntime,
): void {
  assertCanReadHistory(request)
  const query = transactionsQuerySchema.parse(Object.fromEntries(request.url.searchParams))
  const ids = parseIds(request, idList)
  const transactions = selectTransactions(mergeHistories(lake, dataset, ids), new Set(ids), {
    fromTransaction: query.fromTransaction,
    toTransaction: query.toTransaction,
    reverse: query.reverse === 'true',
    limit: query.limit ?? MAX_TRANSACTIONS,
    includeIdentifiedDocumentsOnly: query.includeIdentifiedDocumentsOnly === 'true',
  })
  const body = transactions.map((transaction) => JSON.stringify(transaction) + '\n').join('')
  startResponse(request.res, 200, {
    'content-type': 'application/x-ndjson; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  request.res.end(body)
}

/** `GET /data/history/:dataset/documents/:ids?revision=…|time=…|lastRevision=true` */
export function handleHistoryDocuments(
  request: LakeRequest,
  dataset: string,
  idList: string,
  lake: LakeRuntime,
): void {
  assertCanReadHistory(request)
  const params = request.url.searchParams
  const revision = params.get('revision')
  const time = params.get('time')
  let moment: DocumentMoment
  if (revision !== null && revision !== '') moment = { kind: 'revision', revision }
  else if (time !== null && time !== '') {
    const parsed = new Date(time)
    if (Number.isNaN(parsed.getTime())) throw buildLakeError(400, 'validationError', `Invalid time "${time}"`)
    moment = { kind: 'time', time: parsed }
  } else if (params.get('lastRevision') === 'true') moment = { kind: 'last' }
  else throw buildLakeError(400, 'validationError', 'Give "revision", "time" or "lastRevision=true"')
  const documents = parseIds(request, idList).flatMap((id) => {
    const doc = findDocumentAt(lake.store.history.listForDocument(dataset, id), id, moment)
    return doc ? [doc] : []
  })
  sendJson(request.res, 200, { documents })
}

/** `GET /data/history/:dataset/events/documents/:id`: publish/unpublish/create/delete events, newest first. */
export function handleDocumentEvents(
  request: LakeRequest,
  dataset: string,
  id: string,
  lake: LakeRuntime,
): void {
  assertCanReadHistory(request)
  const query = eventsQuerySchema.parse(Object.fromEntries(request.url.searchParams))
  const entries = mergeHistories(
    lake,
    dataset,
    listGroupIds(id).filter((groupId) => canReadDocument(request.caller.access, groupId)),
  )
  // The cursor is a log position: the next page holds only older transactions.
  const cursor =
    query.nextCursor !== undefined && /^\d+$/.test(query.nextCursor) ? Number(query.nextCursor) : Infinity
  const older = entries.filter((entry) => entry.seq < cursor).reverse()
  const publishedId = toPublishedId(id)
  const variant = readVariantType(id)
  const page: DocumentEvent[] = []
  let nextCursor = ''
  for (const [index, entry] of older.entries()) {
    page.push(...listDocumentEvents([entry], publishedId, variant))
    if (page.length >= query.limit) {
      // A transaction's events stay on one page, so the next page starts below this one.
      if (index < older.length - 1) nextCursor = String(entry.seq)
      break
    }
  }
  sendJson(request.res, 200, { events: { [id]: page }, nextCursor })
}
