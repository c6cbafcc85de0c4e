import type { LakeRuntime } from '../runtime.ts'
import { handleDatasetAcl, handleProjectGrants } from './grants.ts'
import { handleHostedFeature } from './hosted-features.ts'
import { handleModuleVersion } from './module-versions.ts'
import { handleGetKeyValues, handleSetKeyValues } from './key-value.ts'
import { handleDatasets, handleProject, handleRoles } from './projects.ts'
import type { LakeRequest } from './request.ts'
import { handleCurrentUser, handleLogout, handleUserProfiles } from './users.ts'

export type ProjectRoute = () => void | Promise<void>

/**
 * Project-level endpoints (users, projects, grants, key-value store, hosted-feature probes).
 * Returns the handler to run, or `null` when the path is not one of them. Any project id is accepted: the Studio puts its
 * configured id in paths and host names, and the lake serves exactly one project.
 */
export function findProjectRoute(request: LakeRequest, lake: LakeRuntime): ProjectRoute | null {
  const { method, segments } = request
  const [area, second, third, fourth, fifth, sixth] = segments
  const get = method === 'GET'
  const length = segments.length
  if (area === 'users') {
    if (second === 'me' && length === 2 && get) return () => handleCurrentUser(request)
    if (second === 'me' && third === 'keyvalue') {
      if (length === 4 && get && fourth !== undefined) return () => handleGetKeyValues(request, fourth, lake)
      if (length === 3 && (method === 'PUT' || method === 'POST'))
        return () => handleSetKeyValues(request, lake)
    }
    if (length === 2 && get && second !== undefined && second !== 'me')
      return () => handleUserProfiles(request, second, lake)
  }
  if (area === 'projects' && second !== undefined && get) {
    if (length === 2) return () => handleProject(request, lake)
    if (length === 3 && third === 'datasets') return () => handleDatasets(request, lake)
    if (length === 3 && third === 'grants') return () => handleProjectGrants(request)
    if (length === 3 && third === 'roles') return () => handleRoles(request)
    if (length === 3 && third === 'user-applications')
      return () => handleHostedFeature(request, 'user-applications')
    if (length === 5 && third === 'datasets' && fifth === 'acl') return () => handleDatasetAcl(request)
    if (length === 6 && third === 'datasets' && fifth === 'settings' && sixth === 'indexing')
      return () => handleHostedFeature(request, 'indexing-settings')
  }
  // The client's `datasets.list()` (and `sanity dataset list`) asks the project host for the same list.
  if (area === 'datasets' && length === 1 && get) return () => handleDatasets(request, lake)
  if (area === 'auth' && second === 'logout' && length === 2 && method === 'POST')
    return () => handleLogout(request)
  const intakePost = area === 'intake' && (second === 'batch' || second === 'feedback') && method === 'POST'
  if (!get && !intakePost) return null
  if (area === 'modules') return () => handleModuleVersion(request)
  if (area === 'features' && length === 1) return () => handleHostedFeature(request, 'features')
  if (area === 'help' && length === 1) return () => handleHostedFeature(request, 'help')
  if (area === 'journey') return () => handleHostedFeature(request, 'journey')
  if (area === 'schedules' && length === 3) return () => handleHostedFeature(request, 'schedules')
  if (area === 'access' && second === 'requests' && third === 'me' && length === 3)
    return () => handleHostedFeature(request, 'access-requests')
  if (area === 'subscriptions' && second === 'project' && length === 3)
    return () => handleHostedFeature(request, 'subscription')
  if (area === 'intake' && second === 'telemetry-status' && length === 2)
    return () => handleHostedFeature(request, 'telemetry-status')
  if (area === 'intake' && second === 'batch' && length === 2)
    return () => handleHostedFeature(request, 'telemetry-batch')
  if (area === 'intake' && second === 'feedback' && length === 2)
    return () => handleHostedFeature(request, 'error-reports')
  return null
}
