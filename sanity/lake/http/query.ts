import { performance } from 'node:perf_hooks'
import { z } from 'zod'
import { parsePerspective } from '../core/perspective.ts'
import { assertNever } from '../core/assert-never.ts'
import { runQuery, type QueryOutcome } from '../core/query.ts'
import { createQueryBudget } from '../core/query-budget.ts'
import type { LakeRuntime } from '../runtime.ts'
import { buildBudgetError, buildLakeError, buildQueryError, type LakeHttpError } from './errors.ts'
import { readGroqParams, readJsonBody, type LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'

const postBodySchema = z.object({
  query: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  perspective: z.union([z.string(), z.array(z.string())]).optional(),
})

/** `GET|POST /data/query/:dataset` */
export async function handleQuery(request: LakeRequest, dataset: string, lake: LakeRuntime): Promise<void> {
  const started = performance.now()
  const { url } = request
  let query: string
  let params: Record<string, unknown>
  let perspectiveValue = url.searchParams.get('perspective') ?? undefined
  if (request.method === 'POST') {
    const body = postBodySchema.parse(await readJsonBody(request.req))
    query = body.query
    params = body.params ?? {}
    const fromBody = Array.isArray(body.perspective) ? body.perspective.join(',') : body.perspective
    perspectiveValue = fromBody ?? perspectiveValue
  } else {
    const fromUrl = url.searchParams.get('query')
    if (fromUrl === null) throw buildLakeError(400, 'validationError', 'Missing "query" parameter')
    query = fromUrl
    params = readGroqParams(url)
  }
  const perspective = parsePerspective(perspectiveValue, request.apiVersion ?? '1')
  if (perspective === null)
    throw buildLakeError(400, 'validationError', `Unsupported perspective "${perspectiveValue ?? ''}"`)
  const outcome = await runQuery(
    lake.store.reader(dataset),
    {
      query,
      params,
      perspective,
      access: request.caller.access,
      now: lake.clock.now(),
      identity: request.caller.tokenId ?? 'anonymous',
      sanity: { projectId: lake.projectId, dataset },
      budget: createQueryBudget(lake.queryLimits, lake.queryPacer),
    },
    lake.viewCache(dataset),
  )
  if (!outcome.ok) throw toQueryError(outcome, query)
  const ms = Math.round(performance.now() - started)
  const returnQuery = url.searchParams.get('returnQuery') !== 'false'
  sendJson(
    request.res,
    200,
    returnQuery ? { query, result: outcome.result ?? null, ms } : { result: outcome.result ?? null, ms },
  )
}

function toQueryError(outcome: Exclude<QueryOutcome, { ok: true }>, query: string): LakeHttpError {
  switch (outcome.reason) {
    case 'invalid-query':
      return buildQueryError(outcome.failure, query)
    case 'over-budget':
      return buildBudgetError(outcome.overrun)
    default:
      return assertNever(outcome)
  }
}
