import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

type HistoryLine = {
  id: string
  author: string
  documentIDs: string[]
  effects: Record<string, { apply: unknown[]; revert: unknown[] }>
}

let t: TestLake
let dataDir: string
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lake-history-'))
  // Compacting every two records proves history outlives compaction and restarts.
  const first = await startTestLake({ dataDir, compactEvery: 2 })
  const edit = (title: string, transactionId: string) =>
    first.editor.action(
      {
        actionType: 'sanity.action.document.edit',
        draftId: 'drafts.h1',
        publishedId: 'h1',
        patch: { set: { title } },
      },
      { transactionId },
    )
  await first.editor.action(
    {
      actionType: 'sanity.action.document.create',
      publishedId: 'h1',
      attributes: { _id: 'drafts.h1', _type: 'post', title: 'One' },
      ifExists: 'fail',
    },
    { transactionId: 'tx-a' },
  )
  await edit('Two', 'tx-b')
  await first.editor.action(
    { actionType: 'sanity.action.document.publish', draftId: 'drafts.h1', publishedId: 'h1' },
    { transactionId: 'tx-c' },
  )
  await edit('Three', 'tx-d')
  await first.editor.action(
    { actionType: 'sanity.action.document.version.discard', versionId: 'drafts.h1' },
    { transactionId: 'tx-e' },
  )
  await first.lake.close()
  t = await startTestLake({ dataDir, compactEvery: 2 })
})
afterAll(async () => {
  await t.stop()
  await rm(dataDir, { recursive: true, force: true })
})

async function transactions(query: string, token = t.lake.tokens.editor): Promise<HistoryLine[]> {
  const response = await fetch(
    `${t.lake.url}/v2025-02-19/data/history/production/transactions/h1,drafts.h1?${query}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  )
  expect(response.headers.get('content-type')).toContain('ndjson')
  const text = await response.text()
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as HistoryLine)
}

describe('history API', () => {
  it('lists the transactions of a document pair with whole-value mendoza effects', async () => {
    const lines = await transactions(
      'effectFormat=mendoza&excludeContent=true&includeIdentifiedDocumentsOnly=true&limit=50',
    )
    expect(lines.map((line) => line.id)).toEqual(['tx-a', 'tx-b', 'tx-c', 'tx-d', 'tx-e'])
    const [created, , published] = lines
    expect(created?.effects['drafts.h1']).toEqual({
      apply: [0, expect.objectContaining({ _id: 'drafts.h1', title: 'One' })],
      revert: [0, null],
    })
    expect(created?.author).toMatch(/^tok-/)
    expect(published?.documentIDs.sort()).toEqual(['drafts.h1', 'h1'])
    expect(published?.effects['drafts.h1']?.apply).toEqual([0, null])
  })

  it('pages backwards and between transactions as the Studio timeline asks', async () => {
    expect((await transactions('reverse=true&limit=2')).map((line) => line.id)).toEqual(['tx-e', 'tx-d'])
    expect((await transactions('reverse=true&toTransaction=tx-c')).map((line) => line.id)).toEqual([
      'tx-c',
      'tx-b',
      'tx-a',
    ])
    expect((await transactions('fromTransaction=tx-b&limit=50')).map((line) => line.id)).toEqual([
      'tx-b',
      'tx-c',
      'tx-d',
      'tx-e',
    ])
  })

  it('returns documents at a revision, at a time and in their last revision', async () => {
    const atB = await t.editor.request<{ documents: { _id: string; title: string; _rev: string }[] }>({
      url: '/data/history/production/documents/h1,drafts.h1?revision=tx-b',
    })
    expect(atB.documents).toEqual([expect.objectContaining({ _id: 'drafts.h1', title: 'Two', _rev: 'tx-b' })])
    const atC = await t.editor.request<{ documents: { _id: string; _rev: string }[] }>({
      url: '/data/history/production/documents/h1,drafts.h1?revision=tx-c',
    })
    expect(atC.documents.map((doc) => doc._id)).toEqual(['h1'])
    const before = await t.editor.request<{ documents: unknown[] }>({
      url: '/data/history/production/documents/h1?time=2000-01-01T00:00:00Z',
    })
    expect(before.documents).toEqual([])
    const last = await t.viewer.request<{ documents: { title: string }[] }>({
      url: '/data/history/production/documents/drafts.h1?lastRevision=true',
    })
    expect(last.documents[0]?.title).toBe('Three')
  })

  it('reports publish, create and discard events newest first, paging with a cursor', async () => {
    const response = await t.editor.request<{
      events: Record<string, { type: string; versionRevisionId?: string; revisionId?: string }[]>
      nextCursor: string
    }>({
      url: '/data/history/production/events/documents/h1?limit=100',
    })
    expect(response.events.h1?.map((event) => event.type)).toEqual([
      'deleteDocumentVersion',
      'createDocumentVersion',
      'publishDocumentVersion',
      'createDocumentVersion',
    ])
    expect(response.events.h1?.[2]).toMatchObject({
      revisionId: 'tx-c',
      versionRevisionId: 'tx-b',
      versionId: 'drafts.h1',
    })
    expect(response.nextCursor).toBe('')
    const first = await t.editor.request<{ events: Record<string, unknown[]>; nextCursor: string }>({
      url: '/data/history/production/events/documents/drafts.h1?limit=2',
    })
    expect(first.events['drafts.h1']).toHaveLength(2)
    const second = await t.editor.request<{ events: Record<string, { type: string }[]> }>({
      url: `/data/history/production/events/documents/drafts.h1?limit=2&nextCursor=${first.nextCursor}`,
    })
    expect(second.events['drafts.h1']?.map((event) => event.type)).toEqual([
      'publishDocumentVersion',
      'createDocumentVersion',
    ])
  })

  it('restores an old revision through replaceDraft', async () => {
    const { documents } = await t.editor.request<{
      documents: { _id: string; _type: string; title: string }[]
    }>({
      url: '/data/history/production/documents/h1,drafts.h1?revision=tx-b',
    })
    const old = documents.find((doc) => doc._id === 'drafts.h1')
    if (!old) throw new Error('no revision')
    await t.editor.action({
      actionType: 'sanity.action.document.replaceDraft',
      publishedId: 'h1',
      attributes: { ...old, _id: 'drafts.h1' },
    })
    expect(await t.editor.getDocument('drafts.h1')).toMatchObject({ title: 'Two' })
  })

  it('refuses anonymous callers', async () => {
    const response = await fetch(`${t.lake.url}/v2025-02-19/data/history/production/transactions/h1`)
    expect(response.status).toBe(401)
  })
})
