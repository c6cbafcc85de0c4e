import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LakeDocument } from '../../sanity/lake/core/document.ts'
import type { CommittedTransaction } from '../../sanity/lake/core/transaction.ts'
import { openDiskStore, type DiskStoreOptions } from '../../sanity/lake/storage/disk-store.ts'
import type { DocumentStore } from '../../sanity/lake/storage/document-store.ts'

// Issue #14 item 9: memory and disk followed the number of writes (every transaction in memory, every
// log segment kept), not the live data. 20,000 updates of 200 documents is 100 revisions each.
const DOCUMENTS = 200
const MUTATIONS = 20_000
const IN_FLIGHT = 64
const OPTIONS: DiskStoreOptions = { compactEvery: 1_000, retention: { maxTransactionsPerDocument: 5 } }
// Five kept revisions per document plus the newest 1,000 transactions (five per document here) come to
// about 6x the live data; the log between compactions may hold as much again as the snapshot.
const MAX_HISTORY_TO_LIVE = 10
const MAX_DISK_TO_LIVE = 25

let dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  dirs = []
})

function aPost(n: number): LakeDocument {
  const id = `post-${n % DOCUMENTS}`
  return {
    _id: id,
    _type: 'post',
    _rev: `rev-${n}`,
    _createdAt: '2026-01-01T00:00:00Z',
    _updatedAt: '2026-01-01T00:00:00Z',
    title: `Post ${n}`,
    body: `Revision ${n} of a post that is long enough to look like one. `.repeat(15),
  }
}

function anUpdate(n: number): CommittedTransaction {
  const after = aPost(n)
  return {
    id: `tx-${n}`,
    dataset: 'production',
    timestamp: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    results: [],
    changes: [{ id: after._id, before: null, after }],
  }
}

async function commitAll(store: DocumentStore): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < MUTATIONS) await store.commit(anUpdate(next++))
    }),
  )
}

function measureLive(store: DocumentStore): number {
  let bytes = 0
  for (const doc of store.reader('production').listDocuments()) bytes += JSON.stringify(doc).length
  return bytes
}

/** Every document version history keeps: each change's new value and the previous ones only it holds. */
function measureHistory(store: DocumentStore): number {
  const seen = new Set<LakeDocument>()
  let bytes = 0
  for (const entry of store.history.listSince(0))
    for (const change of entry.transaction.changes)
      for (const version of [change.before, change.after])
        if (version && !seen.has(version)) {
          seen.add(version)
          bytes += JSON.stringify(version).length
        }
  return bytes
}

async function measureDisk(dir: string): Promise<number> {
  let bytes = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    bytes += entry.isDirectory() ? await measureDisk(path) : (await stat(path)).size
  }
  return bytes
}

describe('lake storage growth', () => {
  it('keeps history and disk within a small multiple of the live data after 100 revisions per document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lake-growth-'))
    dirs.push(dir)
    const store = await openDiskStore(dir, OPTIONS)
    await commitAll(store)
    const live = measureLive(store)
    const history = measureHistory(store)
    const kept = store.history.listSince(0).map((entry) => entry.seq)
    await store.close()
    const disk = await measureDisk(dir)

    expect([...store.reader('production').listDocuments()]).toHaveLength(DOCUMENTS)
    expect(history / live).toBeLessThan(MAX_HISTORY_TO_LIVE)
    expect(disk / live).toBeLessThan(MAX_DISK_TO_LIVE)

    const reopened = await openDiskStore(dir, OPTIONS)
    expect(measureLive(reopened)).toBe(live)
    expect(reopened.history.listSince(0).map((entry) => entry.seq)).toEqual(kept)
    expect(reopened.history.lastSeq).toBe(MUTATIONS)
    for (let n = MUTATIONS - DOCUMENTS; n < MUTATIONS; n++)
      expect(reopened.reader('production').getDocument(`post-${n % DOCUMENTS}`)?._rev).toBe(`rev-${n}`)
    await reopened.close()
  })
})
