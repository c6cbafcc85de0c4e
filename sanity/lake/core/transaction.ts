import { withArrayKeys } from './array-keys.ts'
import { assertNever } from './assert-never.ts'
import type { Clock, IdSource } from './clock.ts'
import { isValidDocumentId, toSanityTimestamp, type LakeDocument } from './document.ts'
import type { DocumentInput, MutationInput, PatchOperations, Selection } from './mutation-input.ts'
import type { ActionInput } from './action-input.ts'
import { compileAction } from './actions.ts'
import { applyPatch } from './patch.ts'
import { isHeldToIntegrity, listMissingReferences, listStrongReferrers } from './references.ts'
import { describeQueryFailure, runQuery } from './query.ts'
import { overlayReader, type DocumentReader } from './reader.ts'
import { buildRandomId } from './clock.ts'

export type MutationOperation = 'create' | 'update' | 'delete' | 'none'
export type MutationResult = { id: string; operation: MutationOperation }
export type DocumentChange = { id: string; before: LakeDocument | null; after: LakeDocument | null }

export type CommittedTransaction = {
  id: string
  dataset: string
  timestamp: string
  /** Who committed it (a token id or `lake`); history and listeners report it as `author`/`identity`. */
  author?: string
  /** One entry per document whose stored value changed, in first-touched order. */
  changes: DocumentChange[]
  results: MutationResult[]
}

export type MutationFailureReason =
  | 'invalid-id'
  | 'already-exists'
  | 'not-found'
  | 'revision-mismatch'
  | 'invalid-query'
  | 'invalid-patch'
  | 'has-references'
  | 'missing-reference'
export type MutationFailure = {
  reason: MutationFailureReason
  index: number
  id?: string
  description: string
  expectedRevision?: string
  currentRevision?: string
  /** For `has-references`: the documents that still hold a strong reference. */
  referencingIds?: string[]
  /** For `missing-reference`: the ids referred to strongly that no document has. */
  missingIds?: string[]
}

export type TransactionOutcome =
  { ok: true; transaction: CommittedTransaction } | { ok: false; failure: MutationFailure }

export type TransactionInput = {
  dataset: string
  mutations: MutationInput[]
  /** Actions API requests: each action expands to mutations judged against the state so far. */
  actions?: ActionInput[]
  transactionId?: string
  autoGenerateArrayKeys: boolean
  author?: string
}

export type TransactionDeps = { clock: Clock; ids: IdSource; projectId: string }

type Draft = {
  overlay: Map<string, LakeDocument | null>
  firstBefore: Map<string, LakeDocument | null>
  results: MutationResult[]
}

/**
 * Applies all mutations of one request as one transaction: either every mutation applies or the
 * outcome is a failure and nothing changes. Pure: the caller persists `changes`.
 */
export async function buildTransaction(
  reader: DocumentReader,
  input: TransactionInput,
  deps: TransactionDeps,
): Promise<TransactionOutcome> {
  const now = deps.clock.now()
  const txId = input.transactionId ?? deps.ids.newTransactionId()
  const timestamp = toSanityTimestamp(now)
  const draft: Draft = { overlay: new Map(), firstBefore: new Map(), results: [] }
  const current = overlayReader(reader, draft.overlay)
  const stamp = (doc: Record<string, unknown>, id: string, type: string, createdAt: string): LakeDocument => {
    const keyed = input.autoGenerateArrayKeys ? withArrayKeys(doc, () => buildRandomId(12)) : doc
    const fields = typeof keyed === 'object' && keyed !== null && !Array.isArray(keyed) ? keyed : doc
    return { ...fields, _id: id, _type: type, _rev: txId, _createdAt: createdAt, _updatedAt: timestamp }
  }
  // Which request item last wrote each id, so a referential-integrity failure names the right index.
  const writtenBy = new Map<string, number>()
  let currentIndex = 0
  const write = (id: string, next: LakeDocument | null): void => {
    if (!draft.firstBefore.has(id)) draft.firstBefore.set(id, current.getDocument(id))
    draft.overlay.set(id, next)
    writtenBy.set(id, currentIndex)
  }

  const context: MutationContext = {
    current,
    write,
    stamp,
    timestamp,
    draft,
    deps,
    now,
    dataset: input.dataset,
  }
  const applyAll = async (mutations: MutationInput[], index: number): Promise<MutationFailure | null> => {
    currentIndex = index
    for (const mutation of mutations) {
      const failure = await applyMutation(mutation, index, context)
      if (failure) return failure
    }
    return null
  }
  if (input.actions) {
    for (const [index, action] of input.actions.entries()) {
      const compiled = compileAction(action, index, current)
      if (!compiled.ok) return { ok: false, failure: compiled.failure }
      const failure = await applyAll(compiled.mutations, index)
      if (failure) return { ok: false, failure }
    }
  }
  for (const [index, mutation] of input.mutations.entries()) {
    const failure = await applyAll([mutation], index)
    if (failure) return { ok: false, failure }
  }
  const integrity = checkReferentialIntegrity(current, draft, writtenBy)
  if (integrity) return { ok: false, failure: integrity }

  const changes: DocumentChange[] = []
  for (const [id, before] of draft.firstBefore) {
    const after = draft.overlay.get(id) ?? null
    if (before !== null || after !== null) changes.push({ id, before, after })
  }
  return {
    ok: true,
    transaction: {
      id: txId,
      dataset: input.dataset,
      timestamp,
      author: input.author ?? 'lake',
      changes,
      results: draft.results,
    },
  }
}

type MutationContext = {
  current: DocumentReader
  write: (id: string, next: LakeDocument | null) => void
  stamp: (doc: Record<string, unknown>, id: string, type: string, createdAt: string) => LakeDocument
  timestamp: string
  draft: Draft
  deps: TransactionDeps
  now: Date
  dataset: string
}

async function applyMutation(
  mutation: MutationInput,
  index: number,
  ctx: MutationContext,
): Promise<MutationFailure | null> {
  if ('create' in mutation) return createDocument(mutation.create, index, ctx, 'create')
  if ('createOrReplace' in mutation)
    return createDocument(mutation.createOrReplace, index, ctx, 'createOrReplace')
  if ('createIfNotExists' in mutation)
    return createDocument(mutation.createIfNotExists, index, ctx, 'createIfNotExists')
  if ('delete' in mutation) {
    const ids = await selectIds(mutation.delete, index, ctx)
    if (!Array.isArray(ids)) return ids
    for (const id of ids) {
      const existing = ctx.current.getDocument(id)
      ctx.draft.results.push({ id, operation: existing ? 'delete' : 'none' })
      if (existing) ctx.write(id, null)
    }
    return null
  }
  if ('patch' in mutation) return patchDocuments(mutation.patch, index, ctx)
  return assertNever(mutation)
}

type CreateKind = 'create' | 'createOrReplace' | 'createIfNotExists'

function createDocument(
  input: DocumentInput,
  index: number,
  ctx: MutationContext,
  kind: CreateKind,
): MutationFailure | null {
  const id = input._id ?? ctx.deps.ids.newDocumentId()
  if (!isValidDocumentId(id))
    return { reason: 'invalid-id', index, id, description: `Malformed document ID: "${id}"` }
  const existing = ctx.current.getDocument(id)
  const givenCreatedAt = typeof input._createdAt === 'string' ? input._createdAt : undefined
  switch (kind) {
    case 'create':
      if (existing)
        return { reason: 'already-exists', index, id, description: `Document by ID "${id}" already exists` }
      break
    case 'createIfNotExists':
      if (existing) {
        ctx.draft.results.push({ id, operation: 'none' })
        return null
      }
      break
    case 'createOrReplace':
      break
    default:
      return assertNever(kind)
  }
  const createdAt = givenCreatedAt ?? existing?._createdAt ?? ctx.timestamp
  ctx.write(id, ctx.stamp(input, id, input._type, createdAt))
  ctx.draft.results.push({ id, operation: existing ? 'update' : 'create' })
  return null
}

async function patchDocuments(
  patch: Selection & PatchOperations,
  index: number,
  ctx: MutationContext,
): Promise<MutationFailure | null> {
  const selection: Selection =
    'query' in patch ? { query: patch.query, params: patch.params } : { id: patch.id }
  const ids = await selectIds(selection, index, ctx)
  if (!Array.isArray(ids)) return ids
  const { ifRevisionID, ...operations } = patch
  const byQuery = 'query' in patch
  for (const id of ids) {
    const existing = ctx.current.getDocument(id)
    if (!existing) {
      if (byQuery) continue
      return { reason: 'not-found', index, id, description: `Document "${id}" not found` }
    }
    if (ifRevisionID !== undefined && ifRevisionID !== existing._rev) {
      return {
        reason: 'revision-mismatch',
        index,
        id,
        description: `Document "${id}" has unexpected revision ID ("${existing._rev}"), expected "${ifRevisionID}"`,
        expectedRevision: ifRevisionID,
        currentRevision: existing._rev,
      }
    }
    const { set, setIfMissing, unset, inc, dec, insert, diffMatchPatch } = operations
    const patched = applyPatch(existing, { set, setIfMissing, unset, inc, dec, insert, diffMatchPatch })
    if (!patched.ok) return { reason: 'invalid-patch', index, id, description: patched.description }
    const type = typeof patched.value._type === 'string' ? patched.value._type : existing._type
    ctx.write(id, ctx.stamp(patched.value, id, type, existing._createdAt))
    ctx.draft.results.push({ id, operation: 'update' })
  }
  return null
}

async function selectIds(
  selection: Selection,
  index: number,
  ctx: MutationContext,
): Promise<string[] | MutationFailure> {
  if ('id' in selection) {
    const ids = Array.isArray(selection.id) ? selection.id : [selection.id]
    const invalid = ids.find((id) => !isValidDocumentId(id))
    return invalid === undefined
      ? ids
      : { reason: 'invalid-id', index, id: invalid, description: `Malformed document ID: "${invalid}"` }
  }
  const outcome = await runQuery(ctx.current, {
    query: selection.query,
    params: selection.params ?? {},
    perspective: 'raw',
    access: 'editor',
    now: ctx.now,
    identity: 'lake',
    sanity: { projectId: ctx.deps.projectId, dataset: ctx.dataset },
  })
  if (!outcome.ok) return { reason: 'invalid-query', index, description: describeQueryFailure(outcome) }
  const rows = Array.isArray(outcome.result) ? outcome.result : [outcome.result]
  const ids: string[] = []
  for (const row of rows) {
    if (typeof row === 'object' && row !== null && '_id' in row && typeof row._id === 'string')
      ids.push(row._id)
  }
  return ids
}

/**
 * Hosted Sanity keeps strong references whole: it refuses to delete a document that a published document
 * strongly references, and refuses a write that leaves a published document strongly referring to a
 * document that does not exist. Judged once, on the state the whole transaction leaves, so a transaction
 * may create a document and its referrer in either order, or delete both.
 */
function checkReferentialIntegrity(
  current: DocumentReader,
  draft: Draft,
  writtenBy: ReadonlyMap<string, number>,
): MutationFailure | null {
  for (const [id, before] of draft.firstBefore) {
    const after = draft.overlay.get(id) ?? null
    if (after === null || !isHeldToIntegrity(id)) continue
    const missingIds = listMissingReferences(current, before, after)
    if (missingIds.length > 0)
      return {
        reason: 'missing-reference',
        index: writtenBy.get(id) ?? 0,
        id,
        description: `Document "${id}" references non-existent document "${missingIds.join('", "')}"`,
        missingIds,
      }
  }
  const deleted = new Set<string>()
  for (const [id, before] of draft.firstBefore) {
    if (before !== null && draft.overlay.get(id) === null) deleted.add(id)
  }
  for (const [id, referencingIds] of listStrongReferrers(current, deleted)) {
    return {
      reason: 'has-references',
      index: writtenBy.get(id) ?? 0,
      id,
      description: `Document "${id}" cannot be deleted as there are references to it from "${referencingIds.join('", "')}"`,
      referencingIds,
    }
  }
  return null
}
