import type { LakeRuntime } from '../runtime.ts'
import type { LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'
import { requireUser } from './users.ts'

/** `GET /projects/:id`: the one local project, with the caller as its only member. */
export function handleProject(request: LakeRequest, lake: LakeRuntime): void {
  const user = requireUser(request)
  sendJson(request.res, 200, {
    id: lake.projectId,
    displayName: 'Local lake',
    studioHost: null,
    organizationId: null,
    metadata: {},
    isBlocked: false,
    isDisabled: false,
    isDisabledByUser: false,
    features: [],
    members: [{ id: user.id, role: user.role, roles: user.roles, isCurrentUser: true, isRobot: false }],
  })
}

/** `GET /projects/:id/datasets`, and `GET /datasets` on the project host */
export function handleDatasets(request: LakeRequest, lake: LakeRuntime): void {
  const names = new Set([lake.dataset, ...lake.store.listDatasets()])
  sendJson(
    request.res,
    200,
    [...names].sort().map((name) => ({ name, aclMode: 'public' })),
  )
}

/** `GET /projects/:id/roles` */
export function handleRoles(request: LakeRequest): void {
  sendJson(request.res, 200, [
    {
      name: 'administrator',
      title: 'Administrator',
      description: 'Edits and publishes everything',
      isCustom: false,
      projectId: null,
      appliesToUsers: true,
      appliesToRobots: true,
    },
    {
      name: 'viewer',
      title: 'Viewer',
      description: 'Reads everything',
      isCustom: false,
      projectId: null,
      appliesToUsers: true,
      appliesToRobots: true,
    },
  ])
}
