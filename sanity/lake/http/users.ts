import { buildLocalUser, toPublicProfile, type LocalUser } from '../core/users.ts'
import type { LakeRuntime } from '../runtime.ts'
import { buildGatewayError } from './errors.ts'
import type { LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'

/**
 * The caller as a local user. Anonymous callers, including a browser that only sends cookies, get
 * 401: the Studio then shows its login, whose token mode is how editors reach a lake.
 */
export function requireUser(request: LakeRequest): LocalUser {
  const { access, tokenId } = request.caller
  if (access === 'anonymous' || tokenId === null)
    throw buildGatewayError(401, 'Unauthorized', 'Session not found')
  return buildLocalUser(tokenId, access)
}

/** `GET /users/me` */
export function handleCurrentUser(request: LakeRequest): void {
  sendJson(request.res, 200, requireUser(request))
}

/** `GET /users/:id[,id…]`: one profile, or an array when several ids were asked for. */
export async function handleUserProfiles(
  request: LakeRequest,
  idList: string,
  lake: LakeRuntime,
): Promise<void> {
  requireUser(request)
  const ids = idList.split(',').filter((id) => id !== '')
  const profiles = []
  for (const id of ids) {
    const role = await lake.tokens.findRole(id)
    if (role) profiles.push(toPublicProfile(buildLocalUser(id, role)))
  }
  if (ids.length === 1) {
    const [profile] = profiles
    if (!profile) throw buildGatewayError(404, 'Not Found', 'User not found')
    return sendJson(request.res, 200, profile)
  }
  sendJson(request.res, 200, profiles)
}

/** `POST /auth/logout`: tokens are not sessions, so there is nothing to end; the Studio forgets its own. */
export function handleLogout(request: LakeRequest): void {
  sendJson(request.res, 200, {})
}
