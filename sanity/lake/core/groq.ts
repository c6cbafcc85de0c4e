import { evaluate, GroqSyntaxError, parse, type ExprNode } from 'groq-js'
import { ELEMENT_CHECK_REF, EVERYTHING_CHECK_REF } from './budget-checks.ts'
import type { LakeDocument } from './document.ts'
import type { BudgetOverrun, QueryBudget } from './query-budget.ts'

/** The only module that talks to groq-js. */

export type GroqFailure = { description: string; start: number; end: number }
export type ParseOutcome = { ok: true; tree: ExprNode } | { ok: false; failure: GroqFailure }
export type EvaluationOutcome =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'invalid-query'; failure: GroqFailure }
  | { ok: false; reason: 'over-budget'; overrun: BudgetOverrun }

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
  /** Paces and bounds the evaluation through the checks that addBudgetChecks put in the tree. */
  budget?: QueryBudget
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
  const { budget } = context
  // Past its budget a check never answers: the evaluation halts where it stands, with no error that could
  // go unhandled inside groq-js's streams, and becomes garbage once this function has answered. One such
  // promise per evaluation, so the reactions waiting on it are collected with it.
  const halted = new Promise<null>(() => {})
  const evaluation = (async (): Promise<EvaluationOutcome> => {
    const value = await evaluate(tree, {
      dataset: context.dataset,
      params: context.params,
      timestamp: context.now,
      identity: context.identity,
      sanity: context.sanity,
      root: context.root,
      before: context.before,
      after: context.after,
      dereference: ({ _ref }) => dereference(_ref, context, halted),
    })
    return { ok: true, value: await value.get() }
  })()
  try {
    if (!budget) return await evaluation
    return await Promise.race([
      evaluation,
      budget.exceeded.then((overrun): EvaluationOutcome => ({ ok: false, reason: 'over-budget', overrun })),
    ])
  } catch (error) {
    if (error instanceof Error)
      return {
        ok: false,
        reason: 'invalid-query',
        failure: { description: error.message, start: 0, end: queryLength },
      }
    throw error
  }
}

/** A budget check (see budget-checks.ts) answers `null`, after a pause when the query has used its slice. */
function dereference(
  ref: string,
  context: EvaluationContext,
  halted: Promise<null>,
): LakeDocument | null | Promise<LakeDocument | null> {
  const { budget } = context
  if (ref === ELEMENT_CHECK_REF || ref === EVERYTHING_CHECK_REF) {
    if (!budget) return null
    const spent = budget.spend(ref === ELEMENT_CHECK_REF ? 1 : context.dataset.length)
    if (typeof spent === 'boolean') return spent ? halted : null
    return spent.then((stop) => (stop ? halted : null))
  }
  const spent = budget?.spend(1) ?? false
  if (typeof spent === 'boolean') return spent ? halted : context.dereference(ref)
  return spent.then((stop) => (stop ? halted : context.dereference(ref)))
}
