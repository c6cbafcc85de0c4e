import { parse } from 'groq-js'
import { describe, expect, it } from 'vitest'
import type { LakeDocument } from '../../../../../sanity/lake/core/document.ts'
import { parseTextQuery, rewriteTextQueries } from '../../../../../sanity/lake/core/text-query.ts'

function aDoc(id: string, fields: Record<string, unknown>): LakeDocument {
  return { _id: id, _type: 'post', _rev: 'r', _createdAt: '', _updatedAt: '', ...fields }
}

describe('parseTextQuery', () => {
  it('reads prefixes, phrases and exclusions as Sanity text::query does', () => {
    expect(parseTextQuery('Snow* "deep winter" -goat')).toEqual([
      { word: 'snow', prefix: true, negated: false },
      { word: 'deep', prefix: false, negated: false },
      { word: 'winter', prefix: false, negated: false },
      { word: 'goat', prefix: false, negated: true },
    ])
    expect(parseTextQuery('*')).toEqual([])
  })
})

describe('rewriteTextQueries', () => {
  it('replaces each text::query match with the ids whose left-hand side matches', async () => {
    const tree = parse('*[title match text::query("snow*")]')
    const docs = [aDoc('a', { title: 'Snowfall' }), aDoc('b', { title: 'Rain' })]
    await rewriteTextQueries(
      tree,
      () => docs,
      () => Promise.resolve(null),
    )
    expect(JSON.stringify(tree)).toContain('"op":"in"')
    expect(JSON.stringify(tree)).toContain('"value":["a"]')
  })

  it('evaluates left-hand sides it cannot read directly through the given evaluator', async () => {
    const tree = parse('*[lower(title) match text::query("rain")]')
    const docs = [aDoc('a', { title: 'Snow' }), aDoc('b', { title: 'Rain' })]
    await rewriteTextQueries(
      tree,
      () => docs,
      (_expr, doc) => Promise.resolve(String(doc.title).toLowerCase()),
    )
    expect(JSON.stringify(tree)).toContain('"value":["b"]')
  })
})
