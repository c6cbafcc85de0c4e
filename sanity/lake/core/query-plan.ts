import type { ExprNode, FilterNode } from 'groq-js'
import { isPlainObject, readPath, type LakeDocument } from './document.ts'
import type { DocumentView } from './perspective.ts'

export type Primitive = string | number | boolean
type Conjunct = { path: string[]; values: Primitive[] }

/**
 * Narrows every `*[...]` whose filter pins `_id` or `_type` to an index lookup, and pre-filters the
 * candidates on simple `a.b == value` conjuncts. groq-js still evaluates the full filter on what is
 * left, so a narrowing may only ever drop documents the filter would reject.
 * Mutates `tree` (a freshly parsed query). Returns whether any unnarrowed `*` remains.
 */
export function narrowEverything(
  tree: ExprNode,
  view: DocumentView,
  params: Record<string, unknown>,
): boolean {
  let needsEverything = false
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item)
      return
    }
    if (!isPlainObject(node)) return
    if (isFilterOverEverything(node)) {
      const candidates = selectCandidates(node.expr, view, params)
      if (candidates) node.base = { type: 'Value', value: candidates }
      else needsEverything = true
      visit(node.expr)
      return
    }
    if (node.type === 'Everything') needsEverything = true
    for (const value of Object.values(node)) visit(value)
  }
  visit(tree)
  return needsEverything
}

function isFilterOverEverything(node: Record<string, unknown>): node is FilterNode & Record<string, unknown> {
  return (
    node.type === 'Filter' &&
    isPlainObject(node.base) &&
    node.base.type === 'Everything' &&
    isPlainObject(node.expr)
  )
}

function selectCandidates(
  expr: ExprNode,
  view: DocumentView,
  params: Record<string, unknown>,
): LakeDocument[] | null {
  const conjuncts = listConjuncts(expr).flatMap((node) => {
    const conjunct = toConjunct(node, params)
    return conjunct ? [conjunct] : []
  })
  const byId = conjuncts.find((c) => c.path.length === 1 && c.path[0] === '_id')
  const byType = conjuncts.find((c) => c.path.length === 1 && c.path[0] === '_type')
  let base: Iterable<LakeDocument>
  if (byId) {
    base = byId.values.flatMap((id) => {
      const doc = typeof id === 'string' ? view.getDocument(id) : null
      return doc ? [doc] : []
    })
  } else if (byType) {
    // The most selective simple equality, if any, is answered from a per-version value index.
    const keyed = conjuncts.find((c) => c !== byType && c.path[0] !== '_id')
    base = byType.values.flatMap((type) => {
      if (typeof type !== 'string') return []
      return keyed ? view.listByTypeWhere(type, keyed.path, keyed.values) : [...view.listByType(type)]
    })
  } else {
    return null
  }
  const checks = conjuncts.filter((c) => c !== byId && c !== byType)
  const out: LakeDocument[] = []
  for (const doc of base) {
    if (checks.every((check) => matchesAny(readPath(doc, check.path), check.values))) out.push(doc)
  }
  return out
}

function listConjuncts(expr: ExprNode): ExprNode[] {
  if (expr.type === 'And') return [...listConjuncts(expr.left), ...listConjuncts(expr.right)]
  if (expr.type === 'Group') return listConjuncts(expr.base)
  return [expr]
}

function toConjunct(node: ExprNode, params: Record<string, unknown>): Conjunct | null {
  if (node.type !== 'OpCall' || (node.op !== '==' && node.op !== 'in')) return null
  if (node.op === 'in') {
    const path = toAttributePath(node.left)
    const values = path ? toPrimitiveList(node.right, params) : null
    return path && values ? { path, values } : null
  }
  const leftPath = toAttributePath(node.left)
  const rightPath = toAttributePath(node.right)
  const path = leftPath ?? rightPath
  const value = leftPath ? toPrimitive(node.right, params) : toPrimitive(node.left, params)
  return path && value !== null ? { path, values: [value] } : null
}

function toAttributePath(node: ExprNode): string[] | null {
  if (node.type !== 'AccessAttribute') return null
  if (node.base === undefined || node.base.type === 'This') return [node.name]
  const parent = toAttributePath(node.base)
  return parent ? [...parent, node.name] : null
}

function toPrimitive(node: ExprNode, params: Record<string, unknown>): Primitive | null {
  const value = node.type === 'Value' ? node.value : node.type === 'Parameter' ? params[node.name] : undefined
  return typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
    ? value
    : null
}

function toPrimitiveList(node: ExprNode, params: Record<string, unknown>): Primitive[] | null {
  if (node.type === 'Parameter') {
    const value = params[node.name]
    if (!Array.isArray(value)) return null
    const out: Primitive[] = []
    for (const item of value) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') out.push(item)
    }
    return out
  }
  if (node.type !== 'Array') return null
  const out: Primitive[] = []
  for (const element of node.elements) {
    if (element.isSplat) return null
    const value = toPrimitive(element.value, params)
    // A non-literal element could match anything: give up narrowing rather than guess.
    if (value === null) return null
    out.push(value)
  }
  return out
}

function matchesAny(value: unknown, candidates: Primitive[]): boolean {
  return (
    (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') &&
    candidates.includes(value)
  )
}
