import { randomBytes } from 'node:crypto'
import type { ExprNode } from 'groq-js'
import { canReadDocument } from '../core/access.ts'
import type { LakeDocument } from '../core/document.ts'
import { VERSIONS_PREFIX } from '../core/document.ts'
import { buildView } from '../core/perspective.ts'
import { isSelectedByQuery, parseGroq } from '../core/query.ts'
import type { CommittedTransaction, DocumentChange } from '../core/transaction.ts'
import type { LakeRuntime } from '../runtime.ts'
import { readGroqParams, type LakeRequest } from './request.ts'
import { setCorsHeaders } from './respond.ts'

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
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  })
  res.flushHeaders()
  const write = (event: string, data: unknown, id?: number): void => {
    res.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
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

  write('welcome', { listenerName: randomBytes(8).toString('base64url') })
  const heartbeat = setInterval(() => res.write(': ping\n\n'), lake.heartbeatMs)
  // Events are sent strictly in transaction order even though filtering is asynchronous.
  let queue = Promise.resolve()
  const unsubscribe = lake.hub.subscribe((transaction, sequence) => {
    queue = queue
      .then(() => sendTransaction(transaction, sequence))
      .catch((error: unknown) => console.error('[lake] listener failed', error))
  })
  const sendTransaction = async (transaction: CommittedTransaction, sequence: number): Promise<void> => {
    if (transaction.dataset !== dataset) return
    const matching: DocumentChange[] = []
    for (const change of transaction.changes) {
      if (await isVisibleChange(change, { tree: parsed.tree, params, dataset }, request, lake, options))
        matching.push(change)
    }
    matching.forEach((change, index) => {
      write(
        'mutation',
        buildMutationEvent(transaction, change, index, matching.length, request.caller.tokenId, options),
        sequence,
      )
    })
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
  identity: string | null,
  options: ListenOptions,
): Record<string, unknown> {
  const transition = change.before === null ? 'appear' : change.after === null ? 'disappear' : 'update'
  const event: Record<string, unknown> = {
    eventId: `${transaction.id}#${change.id}`,
    documentId: change.id,
    transactionId: transaction.id,
    transition,
    identity: identity ?? 'anonymous',
    previousRev: change.before?._rev,
    resultRev: change.after ? transaction.id : undefined,
    timestamp: transaction.timestamp,
    visibility: options.visibility,
    transactionTotalEvents: total,
    transactionCurrentEvent: index + 1,
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
