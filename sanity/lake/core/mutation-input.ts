import { z } from 'zod'

/** Mutations as `@sanity/client` sends them to `/data/mutate`. */

const documentInputSchema = z.looseObject({ _id: z.string().optional(), _type: z.string().min(1) })
const identifiedDocumentInputSchema = z.looseObject({ _id: z.string(), _type: z.string().min(1) })

const selectionSchema = z.union([
  z.object({ id: z.union([z.string(), z.array(z.string())]) }),
  z.object({ query: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
])

const insertSchema = z.union([
  z.object({ before: z.string(), items: z.array(z.unknown()) }),
  z.object({ after: z.string(), items: z.array(z.unknown()) }),
  z.object({ replace: z.string(), items: z.array(z.unknown()) }),
])

export const patchOperationsSchema = z.object({
  set: z.record(z.string(), z.unknown()).optional(),
  setIfMissing: z.record(z.string(), z.unknown()).optional(),
  unset: z.array(z.string()).optional(),
  inc: z.record(z.string(), z.number()).optional(),
  dec: z.record(z.string(), z.number()).optional(),
  insert: insertSchema.optional(),
  diffMatchPatch: z.record(z.string(), z.string()).optional(),
  ifRevisionID: z.string().optional(),
})

const patchSchema = z.intersection(selectionSchema, patchOperationsSchema)

export const mutationSchema = z.union([
  z.object({ create: documentInputSchema }),
  z.object({ createOrReplace: identifiedDocumentInputSchema }),
  z.object({ createIfNotExists: identifiedDocumentInputSchema }),
  z.object({ delete: selectionSchema }),
  z.object({ patch: patchSchema }),
])

export type MutationInput = z.infer<typeof mutationSchema>
export type PatchOperations = z.infer<typeof patchOperationsSchema>
export type Selection = z.infer<typeof selectionSchema>
export type DocumentInput = z.infer<typeof documentInputSchema>
