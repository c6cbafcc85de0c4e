import { Mutation } from '@sanity/mutator'
import type { PatchOperations } from './mutation-input.ts'
import { isPlainObject } from './document.ts'

/** The only module that talks to @sanity/mutator: Sanity's own patch semantics. */

export type PatchOutcome = { ok: true; value: Record<string, unknown> } | { ok: false; description: string }

type PatchableDocument = { _id: string; _type: string; [field: string]: unknown }

export function applyPatch(
  doc: PatchableDocument,
  operations: Omit<PatchOperations, 'ifRevisionID'>,
): PatchOutcome {
  try {
    const mutation = new Mutation({ mutations: [{ patch: { id: doc._id, ...operations } }] })
    const result = mutation.apply({ ...doc })
    if (!isPlainObject(result)) return { ok: false, description: 'Patch removed the document' }
    return { ok: true, value: result }
  } catch (error) {
    if (error instanceof Error) return { ok: false, description: error.message }
    throw error
  }
}
