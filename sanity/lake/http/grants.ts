import { buildDatasetAcl, buildProjectGrants } from '../core/grants.ts'
import type { LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'

/** `GET /projects/:id/datasets/:dataset/acl`: document grants the Studio checks before editing. */
export function handleDatasetAcl(request: LakeRequest): void {
  sendJson(request.res, 200, buildDatasetAcl(request.caller.access))
}

/** `GET /projects/:id/grants` */
export function handleProjectGrants(request: LakeRequest): void {
  sendJson(request.res, 200, buildProjectGrants(request.caller.access))
}
