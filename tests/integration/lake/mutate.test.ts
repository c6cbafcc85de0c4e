import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake

beforeAll(async () => {
  t = await startTestLake()
})
afterAll(() => t.stop())

describe('POST /data/mutate', () => {
  it('creates a document and stamps _id, _rev, _createdAt and _updatedAt', async () => {
    const doc = await t.editor.create({ _type: 'post', title: 'Hello' })
    expect(doc._id).toMatch(/^[0-9a-f-]{36}$/)
    expect(doc._rev).toMatch(/^[0-9A-Za-z]{22}$/)
    expect(doc._createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(doc._updatedAt).toBe(doc._createdAt)
    expect(await t.editor.getDocument(doc._id)).toEqual(doc)
  })

  it('uses the transaction id as the new revision of every touched document', async () => {
    const result = await t.editor
      .transaction()
      .create({ _id: 'rev-a', _type: 'x' })
      .create({ _id: 'rev-b', _type: 'x' })
      .commit({ transactionId: 'my-tx-1' })
    expect(result.transactionId).toBe('my-tx-1')
    expect(result.results).toEqual([
      { id: 'rev-a', operation: 'create' },
      { id: 'rev-b', operation: 'create' },
    ])
    const docs = await t.editor.getDocuments(['rev-a', 'rev-b'])
    expect(docs.map((doc) => doc?._rev)).toEqual(['my-tx-1', 'my-tx-1'])
  })

  it('rejects creating an existing document with 409 and Sanity error items', async () => {
    await t.editor.create({ _id: 'dup', _type: 'x' })
    const error = await t.editor.create({ _id: 'dup', _type: 'x' }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      statusCode: 409,
      details: {
        type: 'mutationError',
        items: [{ index: 0, error: { type: 'documentAlreadyExistsError', id: 'dup' } }],
      },
    })
  })

  it('leaves nothing behind when a transaction fails halfway', async () => {
    await t.editor.create({ _id: 'halfway-existing', _type: 'x' })
    const error = await t.editor
      .transaction()
      .create({ _id: 'halfway-new', _type: 'x' })
      .patch('halfway-existing', (p) => p.set({ touched: true }))
      .create({ _id: 'halfway-existing', _type: 'x' })
      .commit()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ statusCode: 409 })
    expect(await t.editor.getDocument('halfway-new')).toBeUndefined()
    expect((await t.editor.getDocument('halfway-existing'))?.touched).toBeUndefined()
  })

  it('replaces with createOrReplace and keeps the original _createdAt', async () => {
    const first = await t.editor.create({ _id: 'cor', _type: 'x', a: 1 })
    const second = await t.editor.createOrReplace({ _id: 'cor', _type: 'x', b: 2 })
    expect(second).toMatchObject({ _id: 'cor', b: 2, _createdAt: first._createdAt })
    expect('a' in second).toBe(false)
  })

  it('leaves an existing document alone with createIfNotExists', async () => {
    await t.editor.create({ _id: 'cine', _type: 'x', a: 1 })
    const result = await t.editor.createIfNotExists({ _id: 'cine', _type: 'x', a: 2 })
    expect(result.a).toBe(1)
  })

  it('applies set, setIfMissing, unset, inc, dec and insert in one patch', async () => {
    await t.editor.create({
      _id: 'patchme',
      _type: 'x',
      count: 1,
      stock: 5,
      remove: true,
      tags: ['b'],
      title: 'Hi',
    })
    const doc = await t.editor
      .patch('patchme')
      .set({ title: 'Hello' })
      .setIfMissing({ title: 'ignored', subtitle: 'new' })
      .unset(['remove'])
      .inc({ count: 2 })
      .dec({ stock: 1 })
      .insert('before', 'tags[0]', ['a'])
      .commit()
    expect(doc).toMatchObject({ title: 'Hello', subtitle: 'new', count: 3, stock: 4, tags: ['a', 'b'] })
    expect(doc.remove).toBeUndefined()
  })

  it('applies a diffMatchPatch to a string field', async () => {
    await t.editor.create({ _id: 'dmp', _type: 'x', text: 'Hello world' })
    const doc = await t.editor
      .patch('dmp')
      .diffMatchPatch({ text: '@@ -1,5 +1,5 @@\n-Hello\n+Howdy\n' })
      .commit()
    expect(doc.text).toBe('Howdy world')
  })

  it('rejects a patch whose ifRevisionID does not match with 409', async () => {
    const doc = await t.editor.create({ _id: 'ifrev', _type: 'x' })
    const error = await t.editor
      .patch('ifrev')
      .ifRevisionId('wrong')
      .set({ a: 1 })
      .commit()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      statusCode: 409,
      details: { items: [{ error: { type: 'documentRevisionIDDoesNotMatchError' } }] },
    })
    const ok = await t.editor.patch('ifrev').ifRevisionId(doc._rev).set({ a: 1 }).commit()
    expect(ok.a).toBe(1)
  })

  it('answers 404 when patching a missing document by id', async () => {
    const error = await t.editor
      .patch('nope')
      .set({ a: 1 })
      .commit()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      statusCode: 404,
      details: { items: [{ error: { type: 'documentNotFoundError', id: 'nope' } }] },
    })
  })

  it('rejects a malformed document id with 400', async () => {
    const error = await t.editor.mutate([{ create: { _id: 'bad id!', _type: 'x' } }]).catch((e: unknown) => e)
    expect(error).toMatchObject({ statusCode: 400, details: { type: 'mutationError' } })
    expect(String(error)).toContain('Malformed document ID')
  })

  it('patches and deletes every document a query selects', async () => {
    await t.editor
      .transaction()
      .create({ _id: 'q-1', _type: 'bulk', n: 1 })
      .create({ _id: 'q-2', _type: 'bulk', n: 2 })
      .commit()
    await t.editor.patch({ query: '*[_type == "bulk"]' }).set({ seen: true }).commit()
    expect(await t.editor.fetch('*[_type == "bulk"].seen', {}, { perspective: 'raw' })).toEqual([true, true])
    const result = await t.editor.delete(
      { query: '*[_type == $type]', params: { type: 'bulk' } },
      { returnDocuments: false },
    )
    expect(result.results.map((r) => r.operation)).toEqual(['delete', 'delete'])
    expect(await t.editor.fetch('count(*[_type == "bulk"])')).toBe(0)
  })

  it('deletes a document by id', async () => {
    await t.editor.create({ _id: 'gone', _type: 'x' })
    await t.editor.delete('gone')
    expect(await t.editor.getDocument('gone')).toBeUndefined()
  })

  it('changes nothing on dryRun but reports the result', async () => {
    const doc = await t.editor.create({ _id: 'dry', _type: 'x' }, { dryRun: true })
    expect(doc._id).toBe('dry')
    expect(await t.editor.getDocument('dry')).toBeUndefined()
  })

  it('returns only ids when returnDocuments is false', async () => {
    const result = await t.editor.create({ _id: 'ids-only', _type: 'x' }, { returnDocuments: false })
    expect(result).toMatchObject({
      documentId: 'ids-only',
      results: [{ id: 'ids-only', operation: 'create' }],
    })
  })

  it('adds _key to array items with autoGenerateArrayKeys', async () => {
    const doc = await t.editor.create(
      { _id: 'keys', _type: 'x', items: [{ a: 1 }, { _key: 'keep', a: 2 }] },
      { autoGenerateArrayKeys: true },
    )
    expect(doc.items).toEqual([
      { _key: expect.stringMatching(/^\w{12}$/), a: 1 },
      { _key: 'keep', a: 2 },
    ])
  })

  it('accepts async and deferred visibility', async () => {
    await t.editor.create({ _id: 'vis-async', _type: 'x' }, { visibility: 'async' })
    await t.editor.create({ _id: 'vis-deferred', _type: 'x' }, { visibility: 'deferred' })
    expect(await t.editor.getDocuments(['vis-async', 'vis-deferred'])).toHaveLength(2)
  })
})
