import { canReadDocument } from '../core/access.ts'
import type { LakeDocument } from '../core/document.ts'
import type { LakeRuntime } from '../runtime.ts'
import type { LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'

type Omission = { id: string; reason: 'existence' | 'permission' }

/** `GET /data/doc/:dataset/:id[,id…]`: raw documents, no perspective. */
export function handleGetDocuments(
  request: LakeRequest,
  dataset: string,
  idList: string,
  lake: LakeRuntime,
): void {
  const reader = lake.store.reader(dataset)
  const documents: LakeDocument[] = []
  const omitted: Omission[] = []
  const ids = [
    ...new Set(
      idList
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ]
  for (const id of ids) {
    // Unreadable ids report `permission` whether or not they exist, so existence does not leak.
    if (!canReadDocument(request.caller.access, id)) {
      omitted.push({ id, reason: 'permission' })
      continue
    }
    const doc = reader.getDocument(id)
    if (doc) documents.push(doc)
    else omitted.push({ id, reason: 'existence' })
  }
  const excludeContent = request.url.searchParams.get('excludeContent') === 'true'
  sendJson(request.res, 200, { documents: excludeContent ? [] : documents, omitted })
}
