import { z } from 'zod'
import { patchOperationsSchema } from './mutation-input.ts'

/** Actions as `@sanity/client` and the Studio send them to `/data/actions` (api ≥ 2024-05-23). */

const attributesSchema = z.looseObject({ _id: z.string(), _type: z.string().min(1) })
const patchSchema = patchOperationsSchema.omit({ ifRevisionID: true })

export const actionSchema = z.discriminatedUnion('actionType', [
  z.object({
    actionType: z.literal('sanity.action.document.create'),
    publishedId: z.string(),
    attributes: attributesSchema,
    ifExists: z.enum(['fail', 'ignore']).default('fail'),
  }),
  z.object({
    actionType: z.literal('sanity.action.document.edit'),
    draftId: z.string(),
    publishedId: z.string(),
    patch: patchSchema,
  }),
  z.object({
    actionType: z.literal('sanity.action.document.publish'),
    draftId: z.string(),
    publishedId: z.string(),
    ifDraftRevisionId: z.string().optional(),
    ifPublishedRevisionId: z.string().optional(),
  }),
  z.object({
    actionType: z.literal('sanity.action.document.unpublish'),
    draftId: z.string(),
    publishedId: z.string(),
  }),
  z.object({
    actionType: z.literal('sanity.action.document.discard'),
    draftId: z.string(),
    purge: z.boolean().optional(),
  }),
  z.object({
    actionType: z.literal('sanity.action.document.delete'),
    publishedId: z.string(),
    includeDrafts: z.array(z.string()).default([]),
    purge: z.boolean().optional(),
  }),
  z.object({
    actionType: z.literal('sanity.action.document.replaceDraft'),
    publishedId: z.string(),
    attributes: attributesSchema,
  }),
  z.object({
    actionType: z.literal('sanity.action.document.version.create'),
    publishedId: z.string(),
    document: attributesSchema.optional(),
    baseId: z.string().optional(),
    versionId: z.string().optional(),
    ifBaseRevisionId: z.string().optional(),
  }),
  z.object({
    actionType: z.literal('sanity.action.document.version.discard'),
    versionId: z.string(),
    purge: z.boolean().optional(),
  }),
  z.object({
    actionType: z.literal('sanity.action.document.version.replace'),
    document: attributesSchema,
  }),
])

export type ActionInput = z.infer<typeof actionSchema>
