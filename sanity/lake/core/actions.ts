import type { ActionInput } from './action-input.ts'
import { assertNever } from './assert-never.ts'
import { DRAFTS_PREFIX, toPublishedId, VERSIONS_PREFIX, type LakeDocument } from './document.ts'
import type { MutationInput } from './mutation-input.ts'
import type { DocumentReader } from './reader.ts'
import type { MutationFailure } from './transaction.ts'

/**
 * Translates one Actions API action into the mutations it stands for, judged against the state the
 * earlier actions of the same request left (`current`). The transaction applies them, so actions
 * and mutations share one write path, one revision stamp and one set of listener events.
 */
export type CompiledAction =
  { ok: true; mutations: MutationInput[] } | { ok: false; failure: MutationFailure }

export function compileAction(action: ActionInput, index: number, current: DocumentReader): CompiledAction {
  const fail = (failure: Omit<MutationFailure, 'index'>): CompiledAction => ({
    ok: false,
    failure: { ...failure, index },
  })
  const notFound = (id: string, what: string): CompiledAction =>
    fail({ reason: 'not-found', id, description: `${what} "${id}" does not exist` })
  const idMismatch = (id: string, publishedId: string): CompiledAction | null =>
    isVersionOf(id, publishedId)
      ? null
      : fail({
          reason: 'invalid-id',
          id,
          description: `"${id}" is not a draft or version of "${publishedId}"`,
        })
  const revisionCheck = (
    doc: LakeDocument | null,
    id: string,
    expected: string | undefined,
  ): CompiledAction | null => {
    if (expected === undefined || doc?._rev === expected) return null
    return fail({
      reason: 'revision-mismatch',
      id,
      description: `Document "${id}" has unexpected revision ID ("${doc?._rev ?? ''}"), expected "${expected}"`,
      expectedRevision: expected,
      currentRevision: doc?._rev,
    })
  }
  const ok = (mutations: MutationInput[]): CompiledAction => ({ ok: true, mutations })

  switch (action.actionType) {
    case 'sanity.action.document.create': {
      const { attributes, publishedId } = action
      const mismatch = attributes._id === publishedId ? null : idMismatch(attributes._id, publishedId)
      if (mismatch) return mismatch
      if (current.getDocument(attributes._id)) {
        if (action.ifExists === 'ignore') return ok([])
        return fail({
          reason: 'already-exists',
          id: attributes._id,
          description: `Document by ID "${attributes._id}" already exists`,
        })
      }
      return ok([{ create: attributes }])
    }
    case 'sanity.action.document.edit': {
      const { draftId, publishedId, patch } = action
      const mismatch = idMismatch(draftId, publishedId)
      if (mismatch) return mismatch
      const prepared: MutationInput[] = []
      if (!current.getDocument(draftId)) {
        // An edit of a document with no draft starts the draft from the published version.
        const published = current.getDocument(publishedId)
        if (!published) return notFound(draftId, 'Document')
        prepared.push({
          createIfNotExists: { ...copyFields(published), _id: draftId, _type: published._type },
        })
      }
      return ok([...prepared, { patch: { id: draftId, ...patch } }])
    }
    case 'sanity.action.document.publish': {
      const { draftId, publishedId } = action
      const mismatch = idMismatch(draftId, publishedId)
      if (mismatch) return mismatch
      const draft = current.getDocument(draftId)
      const published = current.getDocument(publishedId)
      if (!draft) return notFound(draftId, 'Draft')
      const stale =
        revisionCheck(draft, draftId, action.ifDraftRevisionId) ??
        revisionCheck(published, publishedId, action.ifPublishedRevisionId)
      if (stale) return stale
      const createdAt = published?._createdAt ?? draft._createdAt
      return ok([
        {
          createOrReplace: {
            ...copyFields(draft),
            _id: publishedId,
            _type: draft._type,
            _createdAt: createdAt,
          },
        },
        { delete: { id: draftId } },
      ])
    }
    case 'sanity.action.document.unpublish': {
      const { draftId, publishedId } = action
      const mismatch = idMismatch(draftId, publishedId)
      if (mismatch) return mismatch
      const published = current.getDocument(publishedId)
      if (!published) return notFound(publishedId, 'Published document')
      return ok([
        { createIfNotExists: { ...copyFields(published), _id: draftId, _type: published._type } },
        { delete: { id: publishedId } },
      ])
    }
    case 'sanity.action.document.discard':
      if (!current.getDocument(action.draftId)) return notFound(action.draftId, 'Draft')
      return ok([{ delete: { id: action.draftId } }])
    case 'sanity.action.document.delete': {
      const { publishedId, includeDrafts } = action
      const invalid = includeDrafts.find((id) => !isVersionOf(id, publishedId))
      if (invalid !== undefined) return idMismatch(invalid, publishedId) ?? ok([])
      // The Studio lists the drafts it knows of; the usual draft goes too so no orphan survives.
      const ids = new Set([publishedId, DRAFTS_PREFIX + publishedId, ...includeDrafts])
      const existing = [...ids].filter((id) => current.getDocument(id) !== null)
      if (existing.length === 0) return notFound(publishedId, 'Document')
      return ok(existing.map((id) => ({ delete: { id } })))
    }
    case 'sanity.action.document.replaceDraft': {
      const { attributes, publishedId } = action
      const mismatch = idMismatch(attributes._id, publishedId)
      if (mismatch) return mismatch
      if (!current.getDocument(attributes._id) && !current.getDocument(publishedId))
        return notFound(publishedId, 'Document')
      return ok([{ createOrReplace: attributes }])
    }
    case 'sanity.action.document.version.create': {
      const { publishedId } = action
      if (action.document) {
        const mismatch = idMismatch(action.document._id, publishedId)
        if (mismatch) return mismatch
        if (current.getDocument(action.document._id))
          return fail({
            reason: 'already-exists',
            id: action.document._id,
            description: `Document by ID "${action.document._id}" already exists`,
          })
        return ok([{ create: action.document }])
      }
      const { baseId, versionId } = action
      if (baseId === undefined || versionId === undefined)
        return fail({
          reason: 'invalid-patch',
          description: 'version.create needs either document or baseId and versionId',
        })
      const mismatch = idMismatch(versionId, publishedId)
      if (mismatch) return mismatch
      const base = current.getDocument(baseId)
      if (!base) return notFound(baseId, 'Base document')
      const stale = revisionCheck(base, baseId, action.ifBaseRevisionId)
      if (stale) return stale
      if (current.getDocument(versionId))
        return fail({
          reason: 'already-exists',
          id: versionId,
          description: `Document by ID "${versionId}" already exists`,
        })
      return ok([{ create: { ...copyFields(base), _id: versionId, _type: base._type } }])
    }
    case 'sanity.action.document.version.discard':
      if (!current.getDocument(action.versionId)) return notFound(action.versionId, 'Version')
      return ok([{ delete: { id: action.versionId } }])
    case 'sanity.action.document.version.replace':
      if (!current.getDocument(action.document._id)) return notFound(action.document._id, 'Version')
      return ok([{ createOrReplace: action.document }])
    default:
      return assertNever(action)
  }
}

/** Whether `id` is `drafts.<publishedId>` or `versions.<release>.<publishedId>`. */
function isVersionOf(id: string, publishedId: string): boolean {
  if (id === publishedId) return false
  return (id.startsWith(DRAFTS_PREFIX) || id.startsWith(VERSIONS_PREFIX)) && toPublishedId(id) === publishedId
}

/** A document's content without the fields the transaction stamps itself. */
function copyFields(doc: LakeDocument): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...doc }
  delete fields._rev
  delete fields._updatedAt
  delete fields._originalId
  return fields
}
