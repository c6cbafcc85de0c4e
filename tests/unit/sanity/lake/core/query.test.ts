import { describe, expect, it } from 'vitest'
import type { LakeDocument } from '../../../../../sanity/lake/core/document.ts'
import { runQuery, type QueryRequest } from '../../../../../sanity/lake/core/query.ts'
import type { CommittedTransaction } from '../../../../../sanity/lake/core/transaction.ts'
import { createMemoryStore } from '../../../../../sanity/lake/storage/memory-store.ts'

function aDoc(id: string, type: string, fields: Record<string, unknown> = {}): LakeDocument {
  return {
    _id: id,
    _type: type,
    _rev: 'r',
    _createdAt: '2026-01-01T00:00:00Z',
    _updatedAt: '2026-01-01T00:00:00Z',
    ...fields,
  }
}

async function aReader(docs: LakeDocument[]) {
  const store = createMemoryStore()
  const tx: CommittedTransaction = {
    id: 't',
    dataset: 'ds',
    timestamp: '',
    results: [],
    changes: docs.map((doc) => ({ id: doc._id, before: null, after: doc })),
  }
  await store.commit(tx)
  return store.reader('ds')
}

const base: Omit<QueryRequest, 'query'> = {
  params: {},
  perspective: 'raw',
  access: 'editor',
  now: new Date(0),
  identity: 'me',
  sanity: { projectId: 'p', dataset: 'ds' },
}

describe('runQuery', () => {
  it('gives the same answer with index narrowing as a full scan would', async () => {
    const docs = [
      aDoc('a', 'post', { n: 1, slug: { current: 'x' } }),
      aDoc('b', 'post', { n: 2, slug: { current: 'y' } }),
      aDoc('c', 'page', { n: 1 }),
      aDoc('d', 'post', { n: '1' }),
    ]
    const reader = await aReader(docs)
    const queries = [
      '*[_type == "post" && n == 1]._id',
      '*[_type in ["post", "page"] && n == 1]._id',
      '*[_id in ["a", "c", "zz"] && _type == "post"]._id',
      '*[_type == "post" && slug.current == $slug]._id',
      '*[("post" == _type) && n > 0]._id',
      '*[_type == "post" || n == 1]._id',
    ]
    for (const query of queries) {
      const narrowed = await runQuery(reader, { ...base, query, params: { slug: 'y' } })
      // Wrapping the filter in a no-op function call defeats narrowing and forces a full scan.
      const scanned = await runQuery(reader, {
        ...base,
        query: query.replace('*[', '*[coalesce(true) && '),
        params: { slug: 'y' },
      })
      expect(narrowed).toEqual(scanned)
    }
  })

  it('reports the position of a syntax error', async () => {
    const outcome = await runQuery(await aReader([]), { ...base, query: '*[_type == ' })
    expect(outcome).toMatchObject({ ok: false, failure: { start: 10, end: 11 } })
  })

  it('keeps anonymous callers away from dotted ids under every perspective', async () => {
    const reader = await aReader([aDoc('a', 'post'), aDoc('drafts.a', 'post'), aDoc('system.x', 'post')])
    for (const perspective of ['raw', 'published', 'drafts'] as const) {
      const outcome = await runQuery(reader, {
        ...base,
        access: 'anonymous',
        perspective,
        query: '*[]{_id, "o": _originalId}',
      })
      expect(outcome).toMatchObject({ ok: true, result: [expect.objectContaining({ _id: 'a' })] })
      expect(JSON.stringify(outcome)).not.toContain('drafts.a')
    }
  })
})
