import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake
beforeAll(async () => {
  t = await startTestLake({ storage: 'memory' })
})
afterAll(async () => {
  await t.stop()
})

type LakeError = { statusCode?: number; details?: { items?: { error: Record<string, unknown> }[] } }
function errorOf(promise: Promise<unknown>): Promise<LakeError> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (error: unknown) => error as LakeError,
  )
}

describe('referential integrity', () => {
  it('refuses to delete a strongly referenced document and names the referrers', async () => {
    await t.editor.create({ _id: 'author-1', _type: 'author' })
    await t.editor.create({ _id: 'post-1', _type: 'post', author: { _type: 'reference', _ref: 'author-1' } })
    const error = await errorOf(t.editor.delete('author-1'))
    expect(error.statusCode).toBe(409)
    expect(error.details?.items?.[0]?.error).toMatchObject({
      type: 'documentHasExistingReferencesError',
      id: 'author-1',
      referencingIDs: ['post-1'],
    })
    expect(await t.editor.getDocument('author-1')).toBeDefined()
  })

  it('refuses to unpublish a strongly referenced document through the actions API', async () => {
    await t.editor.create({ _id: 'author-2', _type: 'author' })
    await t.editor.create({
      _id: 'post-2',
      _type: 'post',
      authors: [{ _key: 'k', _type: 'reference', _ref: 'author-2' }],
    })
    const error = await errorOf(
      t.editor.action({
        actionType: 'sanity.action.document.unpublish',
        draftId: 'drafts.author-2',
        publishedId: 'author-2',
      }),
    )
    expect(error.statusCode).toBe(409)
    expect(await t.editor.getDocument('drafts.author-2')).toBeUndefined()
  })

  it('allows deleting a document that is only weakly or draft-referenced, or whose referrer goes too', async () => {
    await t.editor.create({ _id: 'author-3', _type: 'author' })
    await t.editor.create({
      _id: 'post-3',
      _type: 'post',
      author: { _type: 'reference', _ref: 'author-3', _weak: true },
    })
    await t.editor.create({
      _id: 'drafts.post-3b',
      _type: 'post',
      author: { _type: 'reference', _ref: 'author-3' },
    })
    await t.editor.delete('author-3')
    expect(await t.editor.getDocument('author-3')).toBeUndefined()

    await t.editor.create({ _id: 'author-4', _type: 'author' })
    await t.editor.create({ _id: 'post-4', _type: 'post', author: { _type: 'reference', _ref: 'author-4' } })
    await t.editor.transaction().delete('post-4').delete('author-4').commit()
    expect(await t.editor.getDocument('author-4')).toBeUndefined()
  })

  it('lists referrers, and none when the Studio asks for cross-dataset references only', async () => {
    await t.editor.create({ _id: 'author-5', _type: 'author' })
    await t.editor.create({ _id: 'post-5', _type: 'post', author: { _type: 'reference', _ref: 'author-5' } })
    const all = await t.editor.request<{ totalCount: number; references: { documentId: string }[] }>({
      url: '/data/references/production/documents/author-5/to',
    })
    expect(all.totalCount).toBe(1)
    expect(all.references[0]?.documentId).toBe('post-5')
    const short = await t.editor.request<{ totalCount: number }>({
      url: '/data/references/production/author-5',
    })
    expect(short.totalCount).toBe(1)
    const external = await t.editor.request<{ totalCount: number; references: unknown[] }>({
      url: '/data/references/production/documents/author-5/to?excludeInternalReferences=true&excludePaths=true',
    })
    expect(external).toEqual({ totalCount: 0, references: [], datasets: {} })
  })
})
