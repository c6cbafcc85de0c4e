import type { Access } from './access.ts'
import { assertNever } from './assert-never.ts'

/**
 * The lake has no accounts: each token stands for one local user whose id is the token id, so
 * transaction authors, presence and `/users/:id` all name the same person.
 */
export type LocalUser = {
  id: string
  name: string
  email: string
  profileImage: null
  role: string
  roles: { name: string; title: string }[]
  provider: 'sanity'
}

export function buildLocalUser(id: string, access: Exclude<Access, 'anonymous'>): LocalUser {
  switch (access) {
    case 'editor':
      return {
        id,
        name: 'Local Editor',
        email: 'editor@localhost',
        profileImage: null,
        role: 'administrator',
        roles: [{ name: 'administrator', title: 'Administrator' }],
        provider: 'sanity',
      }
    case 'viewer':
      return {
        id,
        name: 'Local Viewer',
        email: 'viewer@localhost',
        profileImage: null,
        role: 'viewer',
        roles: [{ name: 'viewer', title: 'Viewer' }],
        provider: 'sanity',
      }
    default:
      return assertNever(access)
  }
}

/** The public profile `/users/:ids` answers with. */
export function toPublicProfile(user: LocalUser): { id: string; displayName: string; imageUrl: null } {
  return { id: user.id, displayName: user.name, imageUrl: null }
}
