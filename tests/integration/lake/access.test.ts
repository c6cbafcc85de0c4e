import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake

beforeAll(async () => {
  t = await startTestLake()
  await t.editor
    .transaction()
    .create({
      _id: 'post-1',
      _type: 'post',
      title: 'Public',
      author: { _type: 'reference', _ref: 'comment.secret' },
      draftRef: { _type: 'reference', _ref: 'drafts.post-2' },
    })
    .create({ _id: 'drafts.post-2', _type: 'post', title: 'Private draft' })
    .create({ _id: 'comment.secret', _type: 'author', email: 'hidden@example.com' })
    .commit()
})
afterAll(() => t.stop())

describe('access rules', () => {
  it('hides drafts and dotted ids from anonymous queries, even with the raw perspective', async () => {
    const ids = await t.anonymous.fetch('*._id', {}, { perspective: 'raw' })
    expect(ids).toEqual(['post-1'])
  })

  it('hides dotted documents from anonymous callers behind a -> dereference', async () => {
    const result = await t.anonymous.fetch(
      '*[_id == "post-1"][0]{"author": author->email, "draft": draftRef->title}',
      {},
      { perspective: 'raw' },
    )
    expect(result).toEqual({ author: null, draft: null })
  })

  it('hides dotted documents from anonymous callers asking by _id', async () => {
    expect(await t.anonymous.fetch('*[_id == "comment.secret"][0]', {}, { perspective: 'raw' })).toBeNull()
    expect(
      await t.anonymous.fetch('*[_id in ["drafts.post-2", "comment.secret"]]', {}, { perspective: 'raw' }),
    ).toEqual([])
  })

  it('lets a viewer token read drafts', async () => {
    const title = await t.viewer.fetch('*[_id == "drafts.post-2"][0].title', {}, { perspective: 'raw' })
    expect(title).toBe('Private draft')
  })

  it('refuses writes from a viewer token with 403 insufficient permissions', async () => {
    const error = await t.viewer.create({ _type: 'post' }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      statusCode: 403,
      details: { items: [{ error: { type: 'insufficientPermissionsError' } }] },
    })
  })

  it('refuses anonymous writes with 401', async () => {
    const error = await t.anonymous.create({ _type: 'post' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ statusCode: 401 })
  })

  it('rejects an unknown token with 401', async () => {
    const error = await t
      .clientFor('not-a-real-token-but-long-enough-000000')
      .fetch('*[0]')
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ statusCode: 401 })
  })
})

describe('GET /data/doc', () => {
  it('returns several documents and names the missing ones', async () => {
    const docs = await t.editor.getDocuments(['post-1', 'missing', 'drafts.post-2'])
    expect(docs.map((doc) => doc?._id ?? null)).toEqual(['post-1', null, 'drafts.post-2'])
    const raw = await t.editor.request({ url: '/data/doc/production/post-1,missing' })
    expect(raw).toMatchObject({
      documents: [{ _id: 'post-1' }],
      omitted: [{ id: 'missing', reason: 'existence' }],
    })
  })

  it('omits unreadable documents for anonymous callers with reason permission', async () => {
    const raw = await t.anonymous.request({
      url: '/data/doc/production/post-1,drafts.post-2,comment.nothing',
    })
    expect(raw).toEqual({
      documents: [expect.objectContaining({ _id: 'post-1' })],
      omitted: [
        { id: 'drafts.post-2', reason: 'permission' },
        { id: 'comment.nothing', reason: 'permission' },
      ],
    })
  })
})
