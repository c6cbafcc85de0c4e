import { z } from 'zod'
import { actionSchema } from '../core/action-input.ts'
import type { LakeRuntime } from '../runtime.ts'
import { buildMutationError } from './errors.ts'
import { assertCanWrite } from './mutate.ts'
import { readJsonBody, type LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'

const actionsBodySchema = z.object({
  actions: z.union([z.array(actionSchema).min(1), actionSchema]),
  transactionId: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,128}$/)
    .optional(),
  dryRun: z.boolean().optional(),
  // Accepted and ignored: the lake has no cross-dataset references to validate.
  skipCrossDatasetReferenceValidation: z.boolean().optional(),
})

/** `POST /data/actions/:dataset`: every action of one request is one atomic transaction. */
export async function handleActions(request: LakeRequest, dataset: string, lake: LakeRuntime): Promise<void> {
  assertCanWrite(request)
  const body = actionsBodySchema.parse(await readJsonBody(request.req))
  const outcome = await lake.writer.submit(
    {
      dataset,
      mutations: [],
      actions: Array.isArray(body.actions) ? body.actions : [body.actions],
      // The Studio recognises its own edit on the listener by this id, which is also every `_rev`.
      transactionId: body.transactionId,
      autoGenerateArrayKeys: false,
      author: request.caller.tokenId ?? undefined,
    },
    { dryRun: body.dryRun === true },
  )
  if (!outcome.ok) throw buildMutationError(outcome.failure)
  sendJson(request.res, 200, { transactionId: outcome.transaction.id })
}
