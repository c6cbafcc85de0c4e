import { DRAFTS_PREFIX, isDraftId, toPublishedId, VERSIONS_PREFIX } from './document.ts'
import type { HistoryEntry } from './history.ts'

/**
 * Document group events for the Studio's history panel (`/data/history/:ds/events/documents/:id`).
 * Edits are not events: the Studio derives those from the transactions API itself.
 */
export type DocumentEvent = { type: string; timestamp: string; author: string; documentId: string } & Record<
  string,
  unknown
>

export type VariantType = 'published' | 'draft' | 'version'

export function readVariantType(id: string): VariantType {
  if (isDraftId(id)) return 'draft'
  return id.startsWith(VERSIONS_PREFIX) ? 'version' : 'published'
}

/** Events of the group `publishedId`, newest first, from its (oldest-first) history entries. */
export function listDocumentEvents(
  entries: readonly HistoryEntry[],
  publishedId: string,
  variant: VariantType,
): DocumentEvent[] {
  const events: DocumentEvent[] = []
  for (const entry of entries) events.push(...toEvents(entry, publishedId, variant))
  return events.reverse()
}

function toEvents(entry: HistoryEntry, publishedId: string, variant: VariantType): DocumentEvent[] {
  const { transaction } = entry
  const base = {
    timestamp: transaction.timestamp,
    author: transaction.author ?? 'lake',
    documentId: publishedId,
    documentVariantType: variant,
  }
  const changes = transaction.changes.filter((change) => toPublishedId(change.id) === publishedId)
  const published = changes.find((change) => change.id === publishedId)
  const versions = changes.filter((change) => change.id !== publishedId)
  const releaseOf = (id: string): Record<string, string> =>
    id.startsWith(VERSIONS_PREFIX) ? { releaseId: id.slice(VERSIONS_PREFIX.length).split('.')[0] ?? '' } : {}
  const events: DocumentEvent[] = []

  const publishedFrom = published?.after
    ? versions.find((change) => change.before && !change.after)
    : undefined
  const unpublished = published !== undefined && published.before !== null && published.after === null
  const unpublishedTo = unpublished ? versions.find((change) => change.after) : undefined
  if (published?.after && publishedFrom?.before) {
    events.push({
      ...base,
      type: 'publishDocumentVersion',
      revisionId: transaction.id,
      versionId: publishedFrom.id,
      versionRevisionId: publishedFrom.before._rev,
      publishCause: 'document.publish',
      ...releaseOf(publishedFrom.id),
    })
  } else if (unpublished) {
    events.push(
      unpublishedTo
        ? {
            ...base,
            type: 'unpublishDocument',
            versionId: unpublishedTo.id,
            versionRevisionId: transaction.id,
          }
        : { ...base, type: 'deleteDocumentGroup' },
    )
  } else if (published?.after) {
    events.push({
      ...base,
      type: published.before ? 'updateLiveDocument' : 'createLiveDocument',
      revisionId: transaction.id,
    })
  }
  for (const change of versions) {
    if (change === publishedFrom || change === unpublishedTo) continue
    if (!change.before && change.after) {
      events.push({
        ...base,
        type: 'createDocumentVersion',
        versionId: change.id,
        versionRevisionId: transaction.id,
        ...releaseOf(change.id),
      })
    } else if (change.before && !change.after && !unpublished) {
      events.push({
        ...base,
        type: 'deleteDocumentVersion',
        versionId: change.id,
        versionRevisionId: change.before._rev,
        ...releaseOf(change.id),
      })
    }
  }
  return events
}

/** The ids whose history makes up the group of `id`: the published id and its draft (and `id` itself). */
export function listGroupIds(id: string): string[] {
  const publishedId = toPublishedId(id)
  return [...new Set([publishedId, DRAFTS_PREFIX + publishedId, id])]
}
