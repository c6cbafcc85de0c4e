import type { ExprNode } from 'groq-js'
import type { Access } from './access.ts'
import { assertNever } from './assert-never.ts'
import { addBudgetChecks } from './budget-checks.ts'
import type { LakeDocument } from './document.ts'
import { evaluateGroq, parseGroq, type EvaluationOutcome } from './groq.ts'
export { parseGroq } from './groq.ts'
import { buildView, type DocumentView, type Perspective } from './perspective.ts'
import { describeOverrun, type QueryBudget } from './query-budget.ts'
import { narrowEverything } from './query-plan.ts'
import { rewriteTextQueries } from './text-query.ts'
import type { DocumentReader } from './reader.ts'

export type QueryRequest = {
  query: string
  params: Record<string, unknown>
  perspective: Perspective
  access: Access
  now: Date
  identity: string
  sanity: { projectId: string; dataset: string }
  /** Without one the query runs unpaced and unbounded (mutations' own selection queries). */
  budget?: QueryBudget
}

export type QueryOutcome = { ok: true; result: unknown } | Exclude<EvaluationOutcome, { ok: true }>

export type ViewCache = Parameters<typeof buildView>[3]

/** Runs a GROQ query against what `access` may see in `perspective`. */
export async function runQuery(
  reader: DocumentReader,
  request: QueryRequest,
  cache?: ViewCache,
): Promise<QueryOutcome> {
  const parsed = parseGroq(request.query, request.params)
  if (!parsed.ok) return { ok: false, reason: 'invalid-query', failure: parsed.failure }
  const { budget } = request
  const view = buildView(reader, request.access, request.perspective, cache)
  const documentContext: DocumentContext = {
    params: request.params,
    now: request.now,
    identity: request.identity,
    sanity: request.sanity,
    budget,
  }
  await rewriteTextQueries(
    parsed.tree,
    () => view.listDocuments(),
    async (expr, doc) => {
      // Over budget, the remaining candidates are skipped; the overrun is reported below.
      if (budget && (await budget.spend(1))) return null
      const outcome = await evaluateForDocument(expr, doc, view, documentContext)
      return outcome.ok ? outcome.result : null
    },
  )
  const overrun = budget?.overrun() ?? null
  if (overrun) return { ok: false, reason: 'over-budget', overrun }
  const needsEverything = narrowEverything(parsed.tree, view, request.params)
  const tree = budget ? addBudgetChecks(parsed.tree) : parsed.tree
  const evaluated = await evaluateGroq(
    tree,
    {
      dataset: needsEverything ? view.listDocuments() : [],
      params: request.params,
      dereference: (id) => view.getDocument(id),
      now: request.now,
      identity: request.identity,
      sanity: request.sanity,
      budget,
    },
    request.query.length,
  )
  return evaluated.ok ? { ok: true, result: evaluated.value } : evaluated
}

export function describeQueryFailure(outcome: Exclude<QueryOutcome, { ok: true }>): string {
  switch (outcome.reason) {
    case 'invalid-query':
      return outcome.failure.description
    case 'over-budget':
      return describeOverrun(outcome.overrun)
    default:
      return assertNever(outcome)
  }
}

export type DocumentContext = Omit<QueryRequest, 'query' | 'perspective' | 'access'> & {
  before?: unknown
  after?: unknown
}

/** Evaluates a parsed expression with `doc` as `@` (webhook filters and projections). */
export async function evaluateForDocument(
  tree: ExprNode,
  doc: unknown,
  view: DocumentView,
  context: DocumentContext,
): Promise<QueryOutcome> {
  const evaluated = await evaluateGroq(
    tree,
    {
      dataset: [],
      root: doc,
      params: context.params,
      dereference: (id) => view.getDocument(id),
      now: context.now,
      identity: context.identity,
      sanity: context.sanity,
      before: context.before,
      after: context.after,
      budget: context.budget,
    },
    0,
  )
  return evaluated.ok ? { ok: true, result: evaluated.value } : evaluated
}

/** Whether a listener query such as `*[_type == "post"]` selects `doc` when it is the only document. */
export async function isSelectedByQuery(
  tree: ExprNode,
  doc: LakeDocument,
  view: DocumentView,
  context: DocumentContext,
): Promise<boolean> {
  const evaluated = await evaluateGroq(
    tree,
    {
      dataset: [doc],
      params: context.params,
      dereference: (id) => view.getDocument(id),
      now: context.now,
      identity: context.identity,
      sanity: context.sanity,
    },
    0,
  )
  if (!evaluated.ok) return false
  return Array.isArray(evaluated.value)
    ? evaluated.value.length > 0
    : evaluated.value !== null && evaluated.value !== false
}
