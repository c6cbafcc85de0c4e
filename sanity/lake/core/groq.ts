import { evaluate, GroqSyntaxError, parse, type ExprNode } from 'groq-js'
import type { LakeDocument } from './document.ts'

/** The only module that talks to groq-js. */

export type GroqFailure = { description: string; start: number; end: number }
export type ParseOutcome = { ok: true; tree: ExprNode } | { ok: false; failure: GroqFailure }
export type EvaluationOutcome = { ok: true; value: unknown } | { ok: false; failure: GroqFailure }

export type EvaluationContext = {
  dataset: readonly LakeDocument[]
  params: Record<string, unknown>
  dereference: (id: string) => LakeDocument | null
  now: Date
  identity: string
  sanity: { projectId: string; dataset: string }
  root?: unknown
  before?: unknown
  after?: unknown
}

/** `delta` mode allows `before()`, `after()` and `delta::` functions, as GROQ-powered webhooks do. */
export function parseGroq(
  query: string,
  params: Record<string, unknown>,
  mode: 'normal' | 'delta' = 'normal',
): ParseOutcome {
  try {
    return { ok: true, tree: parse(query, { params, mode }) }
  } catch (error) {
    if (error instanceof GroqSyntaxError) {
      return {
        ok: false,
        failure: {
          description: error.message,
          start: error.position,
          end: Math.min(error.position + 1, query.length),
        },
      }
    }
    // groq-js also throws plain Errors for semantic problems (unknown function, bad parameter use).
    if (error instanceof Error)
      return { ok: false, failure: { description: error.message, start: 0, end: query.length } }
    throw error
  }
}

export async function evaluateGroq(
  tree: ExprNode,
  context: EvaluationContext,
  queryLength: number,
): Promise<EvaluationOutcome> {
  try {
    const value = await evaluate(tree, {
      dataset: context.dataset,
      params: context.params,
      timestamp: context.now,
      identity: context.identity,
      sanity: context.sanity,
      root: context.root,
      before: context.before,
      after: context.after,
      dereference: ({ _ref }) => context.dereference(_ref),
    })
    return { ok: true, value: await value.get() }
  } catch (error) {
    if (error instanceof Error)
      return { ok: false, failure: { description: error.message, start: 0, end: queryLength } }
    throw error
  }
}
