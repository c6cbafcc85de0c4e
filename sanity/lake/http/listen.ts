import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ExprNode } from 'groq-js'
import { canReadDocument } from '../core/access.ts'
import type { LakeDocument } from '../core/document.ts'
import { DEFAULT_HISTORY_RETENTION } from '../core/history.ts'
import { VERSIONS_PREFIX } from '../core/document.ts'
import { buildView } from '../core/perspective.ts'
import { isSelectedByQuery, parseGroq } from '../core/query.ts'
import type { CommittedTransaction, DocumentChange } from '../core/transaction.ts'
import type { LakeRuntime } from '../runtime.ts'
import { assertNever } from '../core/assert-never.ts'
import { readGroqParams, type LakeRequest } from './request.ts'
import { flushResponseHeaders, setCorsHeaders, startResponse, writeChunk } from './respond.ts'

type ListenOptions = {
  includeResult: boolean
  includePreviousRevision: boolean
  includeMutations: boolean
  includeAllVersions: boolean
  mendoza: boolean
  visibility: 'query' | 'transaction'
}

/** `GET /data/listen/:dataset`: Server-Sent Events, one `mutation` event per matching document change. */
export function handleListen(request: LakeRequest, dataset: string, lake: LakeRuntime): void {
  const { res, url } = request
  setCorsHeaders(request.req, res)
  startResponse(res, 200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  })
  flushResponseHeaders(res)
  const write = (event: string, data: unknown, id?: number): void => {
    writeChunk(
      res,
      `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`,
    )
  }

  const query = url.searchParams.get('query') ?? ''
  let params: Record<string, unknown>
  try {
    params = readGroqParams(url)
  } catch (error) {
    write('channelError', { message: error instanceof Error ? error.message : 'Invalid parameters' })
    res.end()
    return
  }
  const parsed = parseGroq(query, params)
  if (!parsed.ok) {
    write('channelError', { error: { ...parsed.failure, type: 'queryParseError', query }, statusCode: 400 })
    res.end()
    return
  }
  const flag = (name: string, fallback: boolean): boolean => {
    const value = url.searchParams.get(name)
    return value === null ? fallback : value === 'true'
  }
  const options: ListenOptions = {
    includeResult: flag('includeResult', true),
    includePreviousRevision: flag('includePreviousRevision', false),
    includeMutations: flag('includeMutations', true),
    includeAllVersions: flag('includeAllVersions', false),
    mendoza: url.searchParams.get('effectFormat') === 'mendoza',
    visibility: url.searchParams.get('visibility') === 'transaction' ? 'transaction' : 'query',
  }

  const sendTransaction = async (transaction: CommittedTransaction, seq: number): Promise<void> => {
    if (transaction.dataset !== dataset) return
    const matching: DocumentChange[] = []
    for (const change of transaction.changes) {
      if (await isVisibleChange(change, { tree: parsed.tree, params, dataset }, request, lake, options))
        matching.push(change)
    }
    matching.forEach((change, index) => {
      // The id goes on the last event only: a client that resumes from it has seen the whole
      // transaction, and one cut off midway gets all of it again.
      const last = index === matching.length - 1
      write(
        'mutation',
        buildMutationEvent(transaction, change, index, matching.length, options),
        last ? seq : undefined,
      )
    })
  }
  const heartbeat = setInterval(() => writeChunk(res, ': ping\n\n'), lake.heartbeatMs)
  // Events are sent strictly in transaction order even though filtering is asynchronous.
  let queue = Promise.resolve()
  const enqueue = (transaction: CommittedTransaction, seq: number, due = 0): void => {
    queue = queue
      .then(() => sleep(Math.max(0, due - Date.now())))
      .then(() => sendTransaction(transaction, seq))
      .catch((error: unknown) => console.error('[lake] listener failed', error))
  }
  // Subscribe and read history in the same tick, so no transaction falls between replay and live.
  const replayedThrough = lake.hub.lastSeq
  const unsubscribe = lake.hub.subscribe((transaction, seq) => {
    if (seq > replayedThrough) enqueue(transaction, seq, Date.now() + lake.listenerDelayMs)
  })
  const listenerName = randomBytes(8).toString('base64url')
  const resume = flag('enableResume', false)
    ? planResume(request.req.headers['last-event-id'], replayedThrough)
    : null
  switch (resume?.kind) {
    case undefined:
      write('welcome', { listenerName })
      break
    case 'reset':
      // Too far behind (or from a future the lake never reached): the client refetches everything.
      write('reset', { listenerName })
      break
    case 'replay':
      write('welcomeback', { listenerName })
      for (const entry of lake.store.history.listSince(resume.afterSeq)) {
        if (entry.seq > replayedThrough) break
        enqueue(entry.transaction, entry.seq)
      }
      break
    default:
      assertNever(resume)
  }
  const stop = (): void => {
    clearInterval(heartbeat)
    unsubscribe()
  }
  request.req.on('close', stop)
  res.on('close', stop)
}

async function isVisibleChange(
  change: DocumentChange,
  filter: { tree: ExprNode; params: Record<string, unknown>; dataset: string },
  request: LakeRequest,
  lake: LakeRuntime,
  options: ListenOptions,
): Promise<boolean> {
  if (!canReadDocument(request.caller.access, change.id)) return false
  if (!options.includeAllVersions && change.id.startsWith(VERSIONS_PREFIX)) return false
  const view = buildView(lake.store.reader(filter.dataset), request.caller.access, 'raw')
  const context = {
    params: filter.params,
    now: lake.clock.now(),
    identity: request.caller.tokenId ?? 'anonymous',
    sanity: { projectId: lake.projectId, dataset: filter.dataset },
  }
  // A change is relevant if the document matched before or matches after (it may leave the filter).
  for (const version of [change.before, change.after]) {
    if (version && (await isSelectedByQuery(filter.tree, version, view, context))) return true
  }
  return false
}

function buildMutationEvent(
  transaction: CommittedTransaction,
  change: DocumentChange,
  index: number,
  total: number,
  options: ListenOptions,
): Record<string, unknown> {
  const transition = change.before === null ? 'appear' : change.after === null ? 'disappear' : 'update'
  const event: Record<string, unknown> = {
    eventId: `${transaction.id}#${change.id}`,
    documentId: change.id,
    transactionId: transaction.id,
    transition,
    identity: transaction.author ?? 'lake',
    previousRev: change.before?._rev,
    // Deletes carry the transaction as their result revision too: the Studio chains events by
    // previousRev → resultRev and silently drops one without a resultRev, so a draft deleted by a
    // publish stayed alive in its state and the next edit stalled Publish for 30 s.
    resultRev: transaction.id,
    timestamp: transaction.timestamp,
    visibility: options.visibility,
    transactionTotalEvents: total,
    // Zero-based, as @sanity/client documents it; the Studio only counts events against the total.
    transactionCurrentEvent: index,
  }
  if (options.includeMutations) {
    event.mutations = change.after
      ? [{ createOrReplace: withoutRev(change.after) }]
      : [{ delete: { id: change.id } }]
  }
  // Whole-value mendoza patches ([0, value]) are valid effects; the Studio applies them as is.
  if (options.mendoza)
    event.effects = {
      apply: [0, change.after ? withoutRev(change.after) : null],
      revert: [0, change.before ? withoutRev(change.before) : null],
    }
  if (options.includeResult && change.after) event.result = change.after
  if (options.includePreviousRevision && change.before) event.previous = change.before
  return event
}

function withoutRev(doc: LakeDocument): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...doc }
  delete rest._rev
  return rest
}

/**
 * How many transactions a resuming listener may have missed before it is told to `reset`: as many as the history
 * always keeps without gaps, whatever the retention.
 */
const MAX_RESUME_TRANSACTIONS = DEFAULT_HISTORY_RETENTION.recentTransactions

type ResumePlan = { kind: 'replay'; afterSeq: number } | { kind: 'reset' }

/** Event ids are log positions, so they stay valid across lake restarts. `null`: a fresh listener. */
function planResume(header: string | string[] | undefined, lastSeq: number): ResumePlan | null {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined || value === '') return null
  if (!/^\d{1,15}$/.test(value)) return { kind: 'reset' }
  const afterSeq = Number(value)
  if (afterSeq > lastSeq || lastSeq - afterSeq > MAX_RESUME_TRANSACTIONS) return { kind: 'reset' }
  return { kind: 'replay', afterSeq }
}
