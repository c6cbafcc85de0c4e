// Issue #14: a strong reference to a document that does not exist was accepted; hosted Sanity refuses such a
// mutation with 409. Weak references, drafts and cross-dataset references stay allowed, and an import whose
// file lists a referrer before what it refers to still goes in.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importDataset } from '@/sanity/lake/transfer/import'
import { startTestLake, type TestLake } from '../support/lake.ts'

let t: TestLake
beforeAll(async () => {
  t = await startTestLake({ storage: 'memory', tlsPort: null })
})
afterAll(() => t?.stop())

type LakeError = {
  statusCode?: number
  details?: { type?: string; items?: { error: Record<string, unknown>; index: number }[] }
}
function errorOf(promise: Promise<unknown>): Promise<LakeError> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (error: unknown) => error as LakeError,
  )
}

const ref = (id: string, extra: Record<string, unknown> = {}) => ({ _type: 'reference', _ref: id, ...extra })

describe('strong references to missing documents', () => {
  it('refuses to create a document that strongly refers to a missing one, as hosted Sanity does', async () => {
    const error = await errorOf(
      t.editor
        .transaction()
        .create({ _id: 'author-present', _type: 'author' })
        .create({ _id: 'post-dangling', _type: 'post', author: ref('author-missing') })
        .commit(),
    )
    expect(error.statusCode).toBe(409)
    expect(error.details?.type).toBe('mutationError')
    expect(error.details?.items?.[0]).toMatchObject({
      index: 1,
      error: {
        id: 'post-dangling',
        description: 'Document "post-dangling" references non-existent document "author-missing"',
      },
    })
    expect(await t.editor.getDocument('post-dangling')).toBeUndefined()
    expect(await t.editor.getDocument('author-present')).toBeUndefined()
  })

  it('refuses a patch that adds a strong reference to a missing document', async () => {
    await t.editor.create({ _id: 'post-patched', _type: 'post', title: 'Before' })
    const error = await errorOf(
      t.editor
        .patch('post-patched')
        .set({ title: 'After', tags: [{ _key: 'a', ...ref('tag-missing') }] })
        .commit(),
    )
    expect(error.statusCode).toBe(409)
    expect(await t.editor.getDocument('post-patched')).toMatchObject({ title: 'Before' })
  })

  it('accepts a referrer and its target in one transaction, in either order', async () => {
    await t.editor
      .transaction()
      .create({ _id: 'post-first', _type: 'post', author: ref('author-second') })
      .create({ _id: 'author-second', _type: 'author' })
      .commit()
    expect(await t.editor.getDocument('post-first')).toMatchObject({ author: { _ref: 'author-second' } })
  })

  it('allows weak, cross-dataset and draft references to documents that do not exist', async () => {
    await t.editor.create({
      _id: 'post-weak',
      _type: 'post',
      author: ref('author-nowhere', { _weak: true }),
      elsewhere: ref('other-dataset-doc', { _dataset: 'archive' }),
    })
    await t.editor.create({ _id: 'drafts.post-draft', _type: 'post', author: ref('author-unpublished') })
    expect(await t.editor.getDocument('post-weak')).toBeDefined()
    expect(await t.editor.getDocument('drafts.post-draft')).toBeDefined()
  })

  it('refuses to publish a draft whose strong reference points at nothing', async () => {
    await t.editor.create({ _id: 'drafts.post-unpublishable', _type: 'post', author: ref('author-gone') })
    const error = await errorOf(
      t.editor.action({
        actionType: 'sanity.action.document.publish',
        draftId: 'drafts.post-unpublishable',
        publishedId: 'post-unpublishable',
      }),
    )
    expect(error.statusCode).toBe(409)
    expect(await t.editor.getDocument('post-unpublishable')).toBeUndefined()
    expect(await t.editor.getDocument('drafts.post-unpublishable')).toBeDefined()
  })

  it('still stores a comment on an existing post and refuses one on a missing post', async () => {
    await t.editor.create({ _id: 'post-commented', _type: 'post', title: 'Open for comments' })
    const comment = (id: string, postId: string) => ({
      _id: id,
      _type: 'comment',
      post: ref(postId),
      parent: ref('comment-never-was', { _weak: true }),
      body: 'Hello',
      status: 'pending',
    })
    await t.editor.create(comment('comment-ok', 'post-commented'))
    expect(await t.editor.getDocument('comment-ok')).toBeDefined()
    expect((await errorOf(t.editor.create(comment('comment-orphan', 'post-nowhere')))).statusCode).toBe(409)
  })

  it('imports a file that lists referrers before their targets, across transaction batches', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reliability-import-'))
    try {
      // 300 posts first, then the authors they refer to: file order would split them over two batches.
      const posts = Array.from({ length: 300 }, (_, index) => ({
        _id: `import-post-${index}`,
        _type: 'post',
        author: ref(`import-author-${index % 7}`),
      }))
      const authors = Array.from({ length: 7 }, (_, index) => ({
        _id: `import-author-${index}`,
        _type: 'author',
      }))
      // A strong cycle must land in one transaction.
      const cycle = [
        { _id: 'import-cycle-a', _type: 'post', related: ref('import-cycle-b') },
        { _id: 'import-cycle-b', _type: 'post', related: ref('import-cycle-a') },
      ]
      const file = join(dir, 'data.ndjson')
      await writeFile(
        file,
        [...posts, cycle[0], ...authors, cycle[1]].map((d) => JSON.stringify(d)).join('\n'),
      )
      expect(await importDataset(t.editor, file, 'create')).toEqual({ documents: 309, assets: 0 })
      expect(await t.editor.fetch('count(*[_id match "import-*"])')).toBe(309)
      expect(await t.editor.fetch('*[_id == "import-post-299"][0].author->_id')).toBe('import-author-5')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
