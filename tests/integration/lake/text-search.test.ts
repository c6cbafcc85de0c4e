import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake
beforeAll(async () => {
  t = await startTestLake({ storage: 'memory' })
  await t.editor
    .transaction()
    .create({
      _id: 'ts-1',
      _type: 'post',
      title: 'Walking in the mountains',
      body: [{ _key: 'a', _type: 'block', children: [{ _key: 'b', _type: 'span', text: 'Snowy peaks' }] }],
    })
    .create({ _id: 'ts-2', _type: 'post', title: 'Cooking pasta' })
    .create({ _id: 'drafts.ts-2', _type: 'post', title: 'Cooking mountain pasta' })
    .create({ _id: 'ts-3', _type: 'author', name: 'Mountain Goat' })
    .commit()
})
afterAll(async () => {
  await t.stop()
})

// The list-pane query of the Studio's default groq2024 search, as it sends it.
const listQuery =
  '// findability-mvi:5\n*[_type in $__types && ([@, _id] match text::query($__query) || references($__rawQuery))] {_type, _id, _originalId, "orderings": [_updatedAt]} | order(orderings[0] desc) [0...$__limit]'

describe('text::query', () => {
  it('matches prefixes in any string of the document, as the Studio list search asks', async () => {
    const result = await t.editor.fetch<{ _id: string }[]>(
      listQuery,
      { __types: ['post'], __query: 'mount*', __rawQuery: 'mount', __limit: 100 },
      { perspective: 'drafts' },
    )
    expect(result.map((row) => row._id).sort()).toEqual(['ts-1', 'ts-2'])
  })

  it('searches nested portable text and honours exclusions and whole words', async () => {
    const run = (query: string): Promise<string[]> =>
      t.editor
        .fetch<{ _id: string }[]>(
          listQuery,
          { __types: ['post', 'author'], __query: query, __rawQuery: query, __limit: 100 },
          { perspective: 'raw' },
        )
        .then((rows) => rows.map((row) => row._id).sort())
    expect(await run('snowy')).toEqual(['ts-1'])
    expect(await run('mountain -goat')).toEqual(['drafts.ts-2'])
    expect(await run('mountai')).toEqual([])
    expect(await run('*')).toEqual(['drafts.ts-2', 'ts-1', 'ts-2', 'ts-3'])
  })

  it('scores with boost() over text::query, as the global search asks', async () => {
    const result = await t.editor.fetch<{ _id: string; _score: number }[]>(
      '*[_type in $__types] | score(boost(_type in ["post"] && title match text::query($__query), 10), boost(text::semanticSimilarity($__query), 1), [@, _id] match text::query($__query)) [_score > 0] {_id, _score} | order(_score desc)',
      { __types: ['post', 'author'], __query: 'mountain*' },
      { perspective: 'published' },
    )
    expect(result[0]?._id).toBe('ts-1')
    expect(result.map((row) => row._id).sort()).toEqual(['ts-1', 'ts-3'])
  })

  it('answers sanity::versionOf', async () => {
    await t.editor.create({ _id: 'versions.r1.ts-2', _type: 'post', title: 'In release' })
    const ids = await t.editor.fetch<string[]>('*[sanity::versionOf("ts-2")]._id', {}, { perspective: 'raw' })
    expect(ids.sort()).toEqual(['drafts.ts-2', 'ts-2', 'versions.r1.ts-2'])
    const inRelease = await t.editor.fetch<string[]>(
      '*[sanity::partOfRelease("r1")]._id',
      {},
      { perspective: 'raw' },
    )
    expect(inRelease).toEqual(['versions.r1.ts-2'])
  })
})
