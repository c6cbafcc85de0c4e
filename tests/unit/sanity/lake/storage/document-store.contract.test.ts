import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LakeDocument } from '../../../../../sanity/lake/core/document.ts'
import type { HistoryEntry, HistoryRetention } from '../../../../../sanity/lake/core/history.ts'
import type { CommittedTransaction } from '../../../../../sanity/lake/core/transaction.ts'
import { openDiskStore } from '../../../../../sanity/lake/storage/disk-store.ts'
import type { DocumentStore } from '../../../../../sanity/lake/storage/document-store.ts'
import { createMemoryStore } from '../../../../../sanity/lake/storage/memory-store.ts'

type Factory = {
  name: string
  open(options?: StoreOptions): Promise<DocumentStore>
  /** Reopens with the options of the last `open`. */
  reopen: ((store: DocumentStore) => Promise<DocumentStore>) | null
}
type StoreOptions = { retention?: Partial<HistoryRetention> }

let dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  dirs = []
})

function diskFactory(compactEvery: number): Factory {
  let dir = ''
  let opened: StoreOptions = {}
  return {
    name: `disk (compact every ${compactEvery})`,
    async open(options = {}) {
      dir = await mkdtemp(join(tmpdir(), 'lake-store-'))
      dirs.push(dir)
      opened = options
      return openDiskStore(dir, { compactEvery, ...opened })
    },
    async reopen(store) {
      await store.close()
      return openDiskStore(dir, { compactEvery, ...opened })
    },
  }
}

const factories: Factory[] = [
  { name: 'memory', open: async (options) => createMemoryStore(options), reopen: null },
  diskFactory(10_000),
  diskFactory(2),
]

function aDoc(id: string, type: string, rev = 'r1'): LakeDocument {
  return {
    _id: id,
    _type: type,
    _rev: rev,
    _createdAt: '2026-01-01T00:00:00Z',
    _updatedAt: '2026-01-01T00:00:00Z',
  }
}

function aTransaction(
  id: string,
  changes: { id: string; after: LakeDocument | null }[],
  dataset = 'production',
  timestamp = '2026-01-01T00:00:00Z',
): CommittedTransaction {
  return {
    id,
    dataset,
    timestamp,
    results: [],
    changes: changes.map((change) => ({ ...change, before: null })),
  }
}

describe.each(factories)('DocumentStore contract: $name', (factory) => {
  it('makes committed documents readable by id and by type', async () => {
    const store = await factory.open()
    await store.commit(
      aTransaction('t1', [
        { id: 'a', after: aDoc('a', 'post') },
        { id: 'b', after: aDoc('b', 'author') },
      ]),
    )
    const reader = store.reader('production')
    expect(reader.getDocument('a')?._type).toBe('post')
    expect([...reader.listByType('author')].map((doc) => doc._id)).toEqual(['b'])
    expect([...reader.listDocuments()]).toHaveLength(2)
    await store.close()
  })

  it('moves a document between type indexes when its type changes and drops it on delete', async () => {
    const store = await factory.open()
    await store.commit(aTransaction('t1', [{ id: 'a', after: aDoc('a', 'post') }]))
    await store.commit(aTransaction('t2', [{ id: 'a', after: aDoc('a', 'page', 't2') }]))
    const reader = store.reader('production')
    expect([...reader.listByType('post')]).toEqual([])
    expect([...reader.listByType('page')].map((doc) => doc._rev)).toEqual(['t2'])
    await store.commit(aTransaction('t3', [{ id: 'a', after: null }]))
    expect(reader.getDocument('a')).toBeNull()
    await store.close()
  })

  it('keeps datasets apart', async () => {
    const store = await factory.open()
    await store.commit(aTransaction('t1', [{ id: 'a', after: aDoc('a', 'post') }], 'staging'))
    expect(store.reader('production').getDocument('a')).toBeNull()
    expect(store.reader('staging').getDocument('a')).not.toBeNull()
    await store.close()
  })

  it('bumps the reader version on every change', async () => {
    const store = await factory.open()
    const reader = store.reader('production')
    const before = reader.version
    await store.commit(aTransaction('t1', [{ id: 'a', after: aDoc('a', 'post') }]))
    expect(reader.version).toBeGreaterThan(before)
    await store.close()
  })

  it.runIf(factory.reopen !== null)('finds every committed transaction again after reopening', async () => {
    let store = await factory.open()
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        store.commit(aTransaction(`t${i}`, [{ id: `d${i}`, after: aDoc(`d${i}`, 'post', `t${i}`) }])),
      ),
    )
    await store.commit(aTransaction('del', [{ id: 'd0', after: null }]))
    store = (await factory.reopen?.(store)) ?? store
    const reader = store.reader('production')
    expect(reader.getDocument('d0')).toBeNull()
    expect([...reader.listByType('post')]).toHaveLength(24)
    expect(reader.getDocument('d24')?._rev).toBe('t24')
    await store.close()
  })

  it('returns increasing log positions and keeps every transaction in history, with previous values', async () => {
    let store = await factory.open()
    const first = await store.commit(aTransaction('h1', [{ id: 'a', after: aDoc('a', 'post', 'h1') }]))
    const second = await store.commit(aTransaction('h2', [{ id: 'a', after: aDoc('a', 'post', 'h2') }]))
    const third = await store.commit(aTransaction('h3', [{ id: 'a', after: null }]))
    expect(second).toBe(first + 1)
    expect(third).toBe(first + 2)
    store = (await factory.reopen?.(store)) ?? store
    const entries = store.history.listForDocument('production', 'a')
    expect(entries.map((entry) => entry.transaction.id)).toEqual(['h1', 'h2', 'h3'])
    expect(entries.map((entry) => entry.transaction.changes[0]?.before?._rev ?? null)).toEqual([
      null,
      'h1',
      'h2',
    ])
    expect(store.history.listSince(first).map((entry) => entry.seq)).toEqual([second, third])
    expect(store.history.lastSeq).toBe(third)
    expect(await store.commit(aTransaction('h4', [{ id: 'b', after: aDoc('b', 'post') }]))).toBe(third + 1)
    await store.close()
  })

  it('keeps only the newest transactions of each document, with their true previous values', async () => {
    let store = await factory.open({ retention: { maxTransactionsPerDocument: 3, recentTransactions: 2 } })
    await store.commit(aTransaction('tb', [{ id: 'b', after: aDoc('b', 'post', 'tb') }]))
    for (let i = 0; i < 10; i++)
      await store.commit(aTransaction(`r${i}`, [{ id: 'a', after: aDoc('a', 'post', `r${i}`) }]))
    for (let round = 0; round < 2; round++) {
      const entries = store.history.listForDocument('production', 'a')
      expect(entries.map((entry) => entry.transaction.id)).toEqual(['r7', 'r8', 'r9'])
      expect(entries.map((entry) => entry.transaction.changes[0]?.before?._rev)).toEqual(['r6', 'r7', 'r8'])
      expect(listIds(store.history.listSince(0))).toEqual(['tb', 'r7', 'r8', 'r9'])
      expect(store.reader('production').getDocument('a')?._rev).toBe('r9')
      expect(store.history.lastSeq).toBe(11)
      store = (await factory.reopen?.(store)) ?? store
    }
    await store.commit(aTransaction('r10', [{ id: 'a', after: aDoc('a', 'post', 'r10') }]))
    expect(store.history.listForDocument('production', 'a')[2]?.transaction.changes[0]?.before?._rev).toBe(
      'r9',
    )
    await store.close()
  })

  it('drops history older than the retention age, counted back from the newest transaction', async () => {
    let store = await factory.open({ retention: { maxAgeDays: 30, recentTransactions: 1 } })
    const at = (day: string): string => `2026-${day}T12:00:00Z`
    await store.commit(
      aTransaction('old', [{ id: 'a', after: aDoc('a', 'post', 'old') }], 'production', at('01-01')),
    )
    await store.commit(
      aTransaction('mid', [{ id: 'b', after: aDoc('b', 'post', 'mid') }], 'production', at('01-10')),
    )
    await store.commit(
      aTransaction('new', [{ id: 'a', after: aDoc('a', 'post', 'new') }], 'production', at('02-05')),
    )
    for (let round = 0; round < 2; round++) {
      expect(listIds(store.history.listForDocument('production', 'a'))).toEqual(['new'])
      expect(store.history.listForDocument('production', 'a')[0]?.transaction.changes[0]?.before?._rev).toBe(
        'old',
      )
      expect(listIds(store.history.listForDocument('production', 'b'))).toEqual(['mid'])
      expect(listIds(store.history.listSince(0))).toEqual(['mid', 'new'])
      expect([...store.reader('production').listDocuments()].map((doc) => doc._rev).sort()).toEqual([
        'mid',
        'new',
      ])
      store = (await factory.reopen?.(store)) ?? store
    }
    await store.close()
  })

  it('keeps the newest transactions listable without gaps, for listener resume, whatever the document limit', async () => {
    let store = await factory.open({ retention: { maxTransactionsPerDocument: 1, recentTransactions: 5 } })
    for (let i = 1; i <= 10; i++)
      await store.commit(aTransaction(`t${i}`, [{ id: 'a', after: aDoc('a', 'post', `t${i}`) }]))
    for (let round = 0; round < 2; round++) {
      expect(listIds(store.history.listForDocument('production', 'a'))).toEqual(['t10'])
      expect(store.history.listSince(0).map((entry) => entry.seq)).toEqual([6, 7, 8, 9, 10])
      expect(listIds(store.history.listSince(7))).toEqual(['t8', 't9', 't10'])
      store = (await factory.reopen?.(store)) ?? store
    }
    await store.close()
  })

  it('forgets the history of a deleted document once retention has passed it', async () => {
    const store = await factory.open({ retention: { maxTransactionsPerDocument: 2, recentTransactions: 1 } })
    await store.commit(aTransaction('c', [{ id: 'gone', after: aDoc('gone', 'post', 'c') }]))
    await store.commit(aTransaction('d', [{ id: 'gone', after: null }]))
    for (let i = 0; i < 3; i++)
      await store.commit(aTransaction(`o${i}`, [{ id: 'other', after: aDoc('other', 'post', `o${i}`) }]))
    expect(listIds(store.history.listForDocument('production', 'gone'))).toEqual(['c', 'd'])
    expect(listIds(store.history.listSince(0))).toEqual(['c', 'd', 'o1', 'o2'])
    await store.close()
  })
})

function listIds(entries: readonly HistoryEntry[]): string[] {
  return entries.map((entry) => entry.transaction.id)
}
