import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake

beforeAll(async () => {
  t = await startTestLake()
  await t.editor
    .transaction()
    .create({ _id: 'author-1', _type: 'author', name: 'Ada' })
    .create({
      _id: 'post-1',
      _type: 'post',
      title: 'Published',
      slug: { current: 'hello' },
      author: { _type: 'reference', _ref: 'author-1' },
    })
    .create({ _id: 'drafts.post-1', _type: 'post', title: 'Draft edit', slug: { current: 'hello' } })
    .create({ _id: 'drafts.post-2', _type: 'post', title: 'Only a draft', slug: { current: 'new' } })
    .commit()
})
afterAll(() => t.stop())

describe('GET /data/query', () => {
  it('answers a query with params and joins a reference', async () => {
    const post = await t.editor.fetch(
      '*[_type == "post" && slug.current == $slug][0]{title, author->{name}}',
      { slug: 'hello' },
    )
    expect(post).toEqual({ title: 'Published', author: { name: 'Ada' } })
  })

  it('returns the query and timing when the raw response is requested', async () => {
    const response = await t.editor.fetch('count(*[_type == "post"])', {}, { filterResponse: false })
    expect(response).toMatchObject({ query: 'count(*[_type == "post"])', result: 1 })
    expect(typeof response.ms).toBe('number')
  })

  it('uses the published perspective by default for API version 2025-02-19', async () => {
    const ids = await t.editor.fetch<string[]>('*[_type == "post"]._id')
    expect(ids).toEqual(['post-1'])
  })

  it('returns drafts and published documents with the raw perspective', async () => {
    const ids = await t.editor.fetch<string[]>(
      '*[_type == "post"]._id | order(@ asc)',
      {},
      { perspective: 'raw' },
    )
    expect(ids).toEqual(['drafts.post-1', 'drafts.post-2', 'post-1'])
  })

  it('overlays drafts on published documents with the drafts perspective', async () => {
    const docs = await t.editor.fetch(
      '*[_type == "post"]{_id, _originalId, title} | order(_id asc)',
      {},
      { perspective: 'drafts' },
    )
    expect(docs).toEqual([
      { _id: 'post-1', _originalId: 'drafts.post-1', title: 'Draft edit' },
      { _id: 'post-2', _originalId: 'drafts.post-2', title: 'Only a draft' },
    ])
  })

  it('treats previewDrafts as the drafts perspective', async () => {
    const title = await t.editor.fetch('*[_id == "post-1"][0].title', {}, { perspective: 'previewDrafts' })
    expect(title).toBe('Draft edit')
  })

  it('accepts a query too large for a URL as a POST body', async () => {
    const ids = Array.from({ length: 800 }, (_, i) => `missing-${i}-${'x'.repeat(10)}`)
    const result = await t.editor.fetch('count(*[_id in $ids || _id == "post-1"])', { ids })
    expect(result).toBe(1)
  })

  it('reports a syntax error as a queryParseError the client can frame', async () => {
    const error = await t.editor.fetch('*[_type == ]').catch((e: unknown) => e)
    expect(error).toMatchObject({
      statusCode: 400,
      details: { type: 'queryParseError', query: '*[_type == ]' },
    })
    expect(String(error)).toContain('GROQ query parse error')
  })

  it('filters documents on fields other than _type and _id', async () => {
    const titles = await t.editor.fetch('*[slug.current == "new"].title', {}, { perspective: 'drafts' })
    expect(titles).toEqual(['Only a draft'])
  })

  it('resolves nested subqueries over the whole dataset, not only the outer candidates', async () => {
    const result = await t.editor.fetch(
      '*[_type == "author"][0]{name, "posts": count(*[_type == "post" && references(^._id)])}',
    )
    expect(result).toEqual({ name: 'Ada', posts: 1 })
  })
})
