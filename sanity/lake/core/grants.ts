import { assertNever } from './assert-never.ts'
import type { Access } from './access.ts'

/**
 * The permissions the Studio evaluates client-side (with groq-js) to decide what an editor may do.
 * A viewer gets read and history only, so the Studio shows every form read-only.
 */
export type DocumentGrant = { filter: string; permissions: string[] }

const EVERY_DOCUMENT = '_id in path("**")'
const EDITOR_PERMISSIONS = ['read', 'create', 'history', 'update', 'manage']
const VIEWER_PERMISSIONS = ['read', 'history']

export function buildDatasetAcl(access: Access): DocumentGrant[] {
  switch (access) {
    case 'editor':
      return [{ filter: EVERY_DOCUMENT, permissions: EDITOR_PERMISSIONS }]
    case 'viewer':
      return [{ filter: EVERY_DOCUMENT, permissions: VIEWER_PERMISSIONS }]
    case 'anonymous':
      // Anonymous readers see published documents only, which `path("*")` (no dot) describes.
      return [{ filter: '_id in path("*")', permissions: ['read'] }]
    default:
      return assertNever(access)
  }
}

type ProjectGrant = { grants: { name: string }[]; config: Record<string, unknown> }

export function buildProjectGrants(access: Access): Record<string, ProjectGrant[]> {
  const named = (names: string[]): { name: string }[] => names.map((name) => ({ name }))
  const documentPermissions = access === 'editor' ? [...EDITOR_PERMISSIONS, 'mode'] : ['read', 'history']
  return {
    'sanity.project': [{ grants: named(access === 'editor' ? ['read', 'update'] : ['read']), config: {} }],
    'sanity.document.filter.mode': [
      { grants: named(documentPermissions), config: { filter: EVERY_DOCUMENT } },
    ],
  }
}
