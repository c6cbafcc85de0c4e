import { z } from 'zod'

/** A stored document: always has `_id`, `_type`, `_rev`, `_createdAt`, `_updatedAt`. */
export type LakeDocument = {
  _id: string
  _type: string
  _rev: string
  _createdAt: string
  _updatedAt: string
  [field: string]: unknown
}

export const lakeDocumentSchema = z
  .object({
    _id: z.string(),
    _type: z.string(),
    _rev: z.string(),
    _createdAt: z.string(),
    _updatedAt: z.string(),
  })
  .catchall(z.unknown())

const DOCUMENT_ID_PATTERN = /^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}$/
export const DRAFTS_PREFIX = 'drafts.'
export const VERSIONS_PREFIX = 'versions.'

export function isValidDocumentId(id: string): boolean {
  return DOCUMENT_ID_PATTERN.test(id) && !id.includes('..') && !id.endsWith('.')
}

/** Sanity hides every id with a path segment (drafts.*, versions.*, system ids) from anonymous readers. */
export function isDottedId(id: string): boolean {
  return id.includes('.')
}

export function isDraftId(id: string): boolean {
  return id.startsWith(DRAFTS_PREFIX)
}

export function toPublishedId(id: string): string {
  if (isDraftId(id)) return id.slice(DRAFTS_PREFIX.length)
  if (id.startsWith(VERSIONS_PREFIX)) {
    const rest = id.slice(VERSIONS_PREFIX.length)
    const dot = rest.indexOf('.')
    return dot === -1 ? rest : rest.slice(dot + 1)
  }
  return id
}

/** Sanity timestamps are ISO-8601 UTC with second precision. */
export function toSanityTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Follows plain-object attributes, as GROQ's `a.b.c` does; anything else yields `undefined`. */
export function readPath(doc: unknown, path: readonly string[]): unknown {
  let current: unknown = doc
  for (const key of path) {
    if (!isPlainObject(current)) return undefined
    current = current[key]
  }
  return current
}
