import type { ExprNode, SelectNode } from 'groq-js'
import { isPlainObject } from './document.ts'

/**
 * groq-js has no hook for cancelling or pacing an evaluation, and it iterates arrays in microtasks only, so
 * a long query never lets the event loop serve another request. The one call-out it awaits is the
 * `dereference` option. So before evaluation, every expression that runs once per element (the body of a
 * filter or a projection over an array) and every `*` is wrapped in `select(<check>-> => null, <expr>)`,
 * where `<check>` is a reference to one of these ids. groq.ts answers such a dereference from the query's
 * budget, always with `null`, so select goes on with the expression: at once, after a pause when the query
 * has used its slice, or never once the query is over budget.
 * The ids hold characters no document id may contain, so no stored reference can reach them.
 */
/** Work is counted in steps: one per element a check guards, one per document a `*` or `->` hands out. */
export const ELEMENT_CHECK_REF = '\u0000lake:budget:element'
export const EVERYTHING_CHECK_REF = '\u0000lake:budget:everything'

const PER_ELEMENT = new Set(['Filter', 'Map', 'FlatMap'])

/** Mutates `tree` (a freshly parsed query); run it after every other rewrite, which look for bare `*`. */
export function addBudgetChecks(tree: ExprNode): ExprNode {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = visit(node[i])
      return node
    }
    // A Value holds data (parameters, narrowed candidates: stored documents), never an expression.
    if (!isPlainObject(node) || node.type === 'Value') return node
    for (const [key, value] of Object.entries(node)) node[key] = visit(value)
    if (node.type === 'Everything') return guard(EVERYTHING_CHECK_REF, { type: 'Everything' })
    if (typeof node.type === 'string' && PER_ELEMENT.has(node.type) && isExprNode(node.expr))
      node.expr = guard(ELEMENT_CHECK_REF, node.expr)
    return node
  }
  const checked = visit(tree)
  return isExprNode(checked) ? checked : tree
}

function guard(ref: string, expr: ExprNode): SelectNode {
  return {
    type: 'Select',
    alternatives: [
      {
        type: 'SelectAlternative',
        condition: { type: 'Deref', base: { type: 'Value', value: { _ref: ref } } },
        value: { type: 'Value', value: null },
      },
    ],
    fallback: expr,
  }
}

function isExprNode(value: unknown): value is ExprNode {
  return isPlainObject(value) && typeof value.type === 'string'
}
