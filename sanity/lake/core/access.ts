import { isDottedId } from './document.ts'

/**
 * Who is asking. `anonymous` callers see only documents whose id has no path segment:
 * drafts, versions and system documents (`drafts.x`, `comment.x`) stay private. The rule is applied
 * to the candidate set and to every `->` before groq-js runs, so no query shape can reach around it.
 */
export type Access = 'anonymous' | 'viewer' | 'editor'

export function canReadDocument(access: Access, id: string): boolean {
  return access !== 'anonymous' || !isDottedId(id)
}

export function canWrite(access: Access): boolean {
  return access === 'editor'
}
