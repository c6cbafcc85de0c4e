import { z } from 'zod'
import { canWrite } from '../core/access.ts'
import { mutationSchema } from '../core/mutation-input.ts'
import type { DocumentReader } from '../core/reader.ts'
import type { CommittedTransaction } from '../core/transaction.ts'
import type { LakeRuntime } from '../runtime.ts'
import { buildGatewayError, buildMutationError, buildPermissionError } from './errors.ts'
import { readJsonBody, type LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'

const mutateBodySchema = z.object({
  mutations: z.union([z.array(mutationSchema), mutationSchema]),
  transactionId: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,128}$/)
    .optional(),
})

const flag = (value: string | null): boolean => value === 'true'

/** `POST /data/mutate/:dataset` */
export async function handleMutate(request: LakeRequest, dataset: string, lake: LakeRuntime): Promise<void> {
  assertCanWrite(request)
  const body = mutateBodySchema.parse(await readJsonBody(request.req))
  const query = request.url.searchParams
  const visibility = query.get('visibility') ?? 'sync'
  z.enum(['sync', 'async', 'deferred']).parse(visibility)
  const outcome = await lake.writer.submit(
    {
      dataset,
      mutations: Array.isArray(body.mutations) ? body.mutations : [body.mutations],
      transactionId: body.transactionId ?? query.get('transactionId') ?? undefined,
      autoGenerateArrayKeys: flag(query.get('autoGenerateArrayKeys')),
      author: request.caller.tokenId ?? undefined,
    },
    { dryRun: flag(query.get('dryRun')) },
  )
  if (!outcome.ok) throw buildMutationError(outcome.failure)
  sendJson(
    request.res,
    200,
    buildMutateResponse(outcome.transaction, lake.store.reader(dataset), {
      returnIds: flag(query.get('returnIds')),
      returnDocuments: flag(query.get('returnDocuments')),
    }),
  )
}

export function assertCanWrite(request: LakeRequest): void {
  if (canWrite(request.caller.access)) return
  if (request.caller.access === 'anonymous')
    throw buildGatewayError(401, 'Unauthorized', 'Writes need an editor token')
  throw buildPermissionError('update')
}

function buildMutateResponse(
  transaction: CommittedTransaction,
  reader: DocumentReader,
  options: { returnIds: boolean; returnDocuments: boolean },
): unknown {
  const finalDocs = new Map(transaction.changes.map((change) => [change.id, change.after ?? change.before]))
  const results = transaction.results.map((result) =>
    options.returnDocuments
      ? { ...result, document: finalDocs.get(result.id) ?? reader.getDocument(result.id) }
      : result,
  )
  const response: Record<string, unknown> = { transactionId: transaction.id, results }
  if (options.returnIds) response.documentIds = [...new Set(transaction.results.map((result) => result.id))]
  return response
}
