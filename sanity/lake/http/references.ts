import { canReadDocument } from '../core/access.ts'
import { hasReferenceTo } from '../core/references.ts'
import type { LakeRuntime } from '../runtime.ts'
import type { LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'

type Referrer = { documentId: string; datasetName: string; projectId: string }

/**
 * `GET /data/references/:dataset/documents/:id/to` (what the Studio asks before a delete) and the
 * short `GET /data/references/:dataset/:id`. The lake has one project and no cross-dataset
 * references, so with `excludeInternalReferences=true`, as the Studio sends, the answer is empty.
 */
export function handleReferences(request: LakeRequest, dataset: string, id: string, lake: LakeRuntime): void {
  const excludeInternal = request.url.searchParams.get('excludeInternalReferences') === 'true'
  const references: Referrer[] = []
  if (!excludeInternal && canReadDocument(request.caller.access, id)) {
    for (const doc of lake.store.reader(dataset).listDocuments()) {
      if (doc._id === id || !canReadDocument(request.caller.access, doc._id)) continue
      if (hasReferenceTo(doc, id))
        references.push({ documentId: doc._id, datasetName: dataset, projectId: lake.projectId })
    }
  }
  sendJson(request.res, 200, { totalCount: references.length, references, datasets: {} })
}
