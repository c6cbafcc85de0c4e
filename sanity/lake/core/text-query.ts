import type { ExprNode } from 'groq-js'
import { isPlainObject, type LakeDocument } from './document.ts'

/**
 * groq-js has no search engine: `text::query()` and `text::semanticSimilarity()` throw. The Studio's
 * default search (`groq2024`) sends `<lhs> match text::query($q)`, so before evaluation each such
 * node is replaced by `_id in [<ids of the documents whose lhs matches>]`, with the lhs evaluated
 * for every candidate document. Semantic similarity falls back to the same lexical match over the
 * whole document. Mutates `tree` (a freshly parsed query).
 */
export type EvaluateForDocument = (expr: ExprNode, doc: LakeDocument) => Promise<unknown>

type TextMatch = { node: Record<string, unknown>; lhs: ExprNode | null; query: string }

export async function rewriteTextQueries(
  tree: ExprNode,
  listCandidates: () => LakeDocument[],
  evaluate: EvaluateForDocument,
): Promise<void> {
  const found: TextMatch[] = []
  collectTextMatches(tree, found)
  let candidates: LakeDocument[] | null = null
  for (const match of found) {
    const terms = parseTextQuery(match.query)
    const ids: string[] = []
    candidates ??= listCandidates()
    for (const doc of candidates) {
      const value = match.lhs === null ? doc : await readLhs(match.lhs, doc, evaluate)
      if (matchesTerms(listWords(value), terms)) ids.push(doc._id)
    }
    for (const key of Object.keys(match.node)) delete match.node[key]
    Object.assign(match.node, {
      type: 'OpCall',
      op: 'in',
      left: { type: 'AccessAttribute', name: '_id' },
      right: { type: 'Value', value: ids },
    })
  }
}

function collectTextMatches(node: unknown, out: TextMatch[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectTextMatches(item, out)
    return
  }
  if (!isPlainObject(node)) return
  if (node.type === 'OpCall' && node.op === 'match' && isTextFunction(node.right, 'query')) {
    const query = readStringArgument(node.right)
    if (query !== null && isExprNode(node.left)) {
      out.push({ node, lhs: node.left, query })
      return
    }
  }
  if (isTextFunction(node, 'semanticSimilarity')) {
    const query = readStringArgument(node)
    if (query !== null) {
      out.push({ node, lhs: null, query })
      return
    }
  }
  for (const value of Object.values(node)) collectTextMatches(value, out)
}

function isTextFunction(node: unknown, name: string): node is Record<string, unknown> {
  return isPlainObject(node) && node.type === 'FuncCall' && node.namespace === 'text' && node.name === name
}

function isExprNode(value: unknown): value is ExprNode {
  return isPlainObject(value) && typeof value.type === 'string'
}

/** Parameters are already inlined by the parser; anything computed is left for groq-js to reject. */
function readStringArgument(call: Record<string, unknown>): string | null {
  const [first] = Array.isArray(call.args) ? call.args : []
  return isPlainObject(first) && first.type === 'Value' && typeof first.value === 'string'
    ? first.value
    : null
}

/** Plain attribute paths, `@` and arrays of them are read directly; anything else goes to groq-js. */
async function readLhs(lhs: ExprNode, doc: LakeDocument, evaluate: EvaluateForDocument): Promise<unknown> {
  const direct = readDirect(lhs, doc)
  return direct.ok ? direct.value : evaluate(lhs, doc)
}

function readDirect(node: ExprNode, doc: LakeDocument): { ok: true; value: unknown } | { ok: false } {
  if (node.type === 'This') return { ok: true, value: doc }
  if (node.type === 'AccessAttribute') {
    const base = node.base === undefined ? { ok: true as const, value: doc } : readDirect(node.base, doc)
    if (!base.ok) return base
    return { ok: true, value: isPlainObject(base.value) ? base.value[node.name] : undefined }
  }
  if (node.type === 'Array') {
    const values: unknown[] = []
    for (const element of node.elements) {
      if (element.isSplat) return { ok: false }
      const value = readDirect(element.value, doc)
      if (!value.ok) return value
      values.push(value.value)
    }
    return { ok: true, value: values }
  }
  return { ok: false }
}

type Term = { word: string; prefix: boolean; negated: boolean }

const WORD = /[\p{L}\p{N}]+(\*)?/gu

/** `foo bar*`, `"exact phrase"` and `-excluded`, as Sanity's text::query accepts them. */
export function parseTextQuery(query: string): Term[] {
  const terms: Term[] = []
  for (const token of query.match(/-?"[^"]*"|\S+/g) ?? []) {
    const negated = token.startsWith('-')
    const body = negated ? token.slice(1) : token
    for (const match of body.matchAll(WORD)) {
      const word = match[0].replace(/\*$/, '').toLowerCase()
      terms.push({ word, prefix: match[1] === '*', negated })
    }
  }
  return terms
}

/** Every word of every string in `value`, skipping `_`-prefixed keys (`_key`, `_ref`, `_type`). */
function listWords(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(WORD)) out.add(match[0].replace(/\*$/, '').toLowerCase())
  } else if (Array.isArray(value)) {
    for (const item of value) listWords(item, out)
  } else if (isPlainObject(value)) {
    for (const [key, field] of Object.entries(value)) if (!key.startsWith('_')) listWords(field, out)
  }
  return out
}

function matchesTerms(words: ReadonlySet<string>, terms: readonly Term[]): boolean {
  const has = (term: Term): boolean => {
    if (!term.prefix) return words.has(term.word)
    for (const word of words) if (word.startsWith(term.word)) return true
    return false
  }
  return terms.every((term) => (term.negated ? !has(term) : has(term)))
}
