import type { LakeOutgoing } from './request.ts'
import { ZodError } from 'zod'
import { assertNever } from '../core/assert-never.ts'
import type { GroqFailure } from '../core/groq.ts'
import { describeOverrun, type BudgetOverrun } from '../core/query-budget.ts'
import type { MutationFailure } from '../core/transaction.ts'
import { abandonRequestBody, sendJson } from './respond.ts'

/** A failure with the exact status and body Sanity would send. */
export class LakeHttpError extends Error {
  override name = 'LakeHttpError'
  readonly status: number
  readonly body: unknown
  constructor(status: number, body: unknown, message?: string) {
    super(message ?? `HTTP ${status}`)
    this.status = status
    this.body = body
  }
}

export class RequestBodyError extends Error {
  override name = 'RequestBodyError'
}

/** A body past its endpoint's limit; answered 413, and the rest of it is never read. */
export class RequestBodyTooLargeError extends Error {
  override name = 'RequestBodyTooLargeError'
  readonly limit: number
  constructor(limit: number) {
    super(`Request body exceeds ${limit} bytes`)
    this.limit = limit
  }
}

/** Content Lake errors: `{error: {description, type}, statusCode}`, parsed by @sanity/client. */
export function buildLakeError(status: number, type: string, description: string): LakeHttpError {
  return new LakeHttpError(status, { error: { description, type }, statusCode: status }, description)
}

/** API-gateway errors (auth, routing): `{statusCode, error, message}`. */
export function buildGatewayError(status: number, error: string, message: string): LakeHttpError {
  return new LakeHttpError(status, { statusCode: status, error, message }, message)
}

export function buildQueryError(failure: GroqFailure, query: string): LakeHttpError {
  return new LakeHttpError(400, {
    error: {
      description: failure.description,
      type: 'queryParseError',
      start: failure.start,
      end: failure.end,
      query,
    },
    statusCode: 400,
  })
}

/**
 * A query over its budget. Hosted Sanity documents its limit but not the body it sends, so this one keeps the
 * Content Lake shape and a 4xx status: @sanity/client then throws a ClientError whose message is the
 * description, and does not retry (it retries queries only on 429, 502 and 503). Not 408, which browsers
 * may resend on their own, running the same query again.
 */
export function buildBudgetError(overrun: BudgetOverrun): LakeHttpError {
  const description = describeOverrun(overrun)
  return new LakeHttpError(
    400,
    {
      error: {
        description,
        type: overrun.limit === 'time' ? 'queryTimeoutError' : 'queryTooExpensiveError',
        limit:
          overrun.limit === 'time'
            ? { timeoutMs: overrun.limits.timeoutMs }
            : { maxWork: overrun.limits.maxWork },
      },
      statusCode: 400,
    },
    description,
  )
}

export function buildMutationError(failure: MutationFailure): LakeHttpError {
  const { status, type } = describeMutationFailure(failure)
  const item: Record<string, unknown> = { description: failure.description, type }
  if (failure.id !== undefined) item.id = failure.id
  if (failure.currentRevision !== undefined) item.currentRevisionID = failure.currentRevision
  if (failure.expectedRevision !== undefined) item.expectedRevisionID = failure.expectedRevision
  if (failure.referencingIds !== undefined) item.referencingIDs = failure.referencingIds
  if (failure.missingIds !== undefined) item.referencedIDs = failure.missingIds
  return new LakeHttpError(status, {
    error: {
      description: `Mutation failed: ${failure.description}`,
      type: 'mutationError',
      items: [{ error: item, index: failure.index }],
    },
    statusCode: status,
  })
}

export function buildPermissionError(permission: 'create' | 'update' | 'read'): LakeHttpError {
  const description = `Insufficient permissions; permission "${permission}" required`
  return new LakeHttpError(403, {
    error: {
      description: 'Mutation(s) failed with 1 error(s)',
      type: 'mutationError',
      items: [{ error: { description, permission, type: 'insufficientPermissionsError' }, index: 0 }],
    },
    statusCode: 403,
  })
}

function describeMutationFailure(failure: MutationFailure): { status: number; type: string } {
  switch (failure.reason) {
    case 'invalid-id':
      return { status: 400, type: 'invalidDocumentIdError' }
    case 'already-exists':
      return { status: 409, type: 'documentAlreadyExistsError' }
    case 'not-found':
      return { status: 404, type: 'documentNotFoundError' }
    case 'revision-mismatch':
      return { status: 409, type: 'documentRevisionIDDoesNotMatchError' }
    case 'invalid-query':
      return { status: 400, type: 'queryParseError' }
    case 'invalid-patch':
      return { status: 400, type: 'invalidPatchError' }
    case 'has-references':
      return { status: 409, type: 'documentHasExistingReferencesError' }
    // Hosted Sanity answers 409 with this description (sanity-io/sanity#3202); the type is the lake's own name.
    case 'missing-reference':
      return { status: 409, type: 'documentReferenceNotFoundError' }
    default:
      return assertNever(failure.reason)
  }
}

/** The one place errors become responses. Unknown errors are logged once and shown without internals. */
export function sendError(res: LakeOutgoing, error: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (error instanceof LakeHttpError) return sendJson(res, error.status, error.body)
  if (error instanceof RequestBodyTooLargeError) {
    sendJson(res, 413, { statusCode: 413, error: 'Payload Too Large', message: error.message })
    abandonRequestBody(res)
    return
  }
  if (error instanceof ZodError) {
    const description = error.issues
      .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
      .join('; ')
    return sendJson(res, 400, { error: { description, type: 'validationError' }, statusCode: 400 })
  }
  if (error instanceof RequestBodyError)
    return sendJson(res, 400, {
      error: { description: error.message, type: 'validationError' },
      statusCode: 400,
    })
  console.error('[lake] internal error', error)
  sendJson(res, 500, {
    statusCode: 500,
    error: 'Internal Server Error',
    message: 'An internal server error occurred',
  })
}
