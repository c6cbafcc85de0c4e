import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LakeDocument } from '../../../../../sanity/lake/core/document.ts'
import type { CommittedTransaction } from '../../../../../sanity/lake/core/transaction.ts'
import { openDiskStore, type DiskStoreOptions } from '../../../../../sanity/lake/storage/disk-store.ts'
import type { DocumentStore } from '../../../../../sanity/lake/storage/document-store.ts'
import { buildLogRecord, encodeLine } from '../../../../../sanity/lake/storage/log-records.ts'

let dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  dirs = []
})

async function aDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lake-compaction-'))
  dirs.push(dir)
  return dir
}

const DOCUMENT_IDS = ['a', 'b', 'c', 'd', 'e']

function aDoc(id: string, rev: string): LakeDocument {
  return {
    _id: id,
    _type: 'post',
    _rev: rev,
    _createdAt: '2026-01-01T00:00:00Z',
    _updatedAt: '2026-01-01T00:00:00Z',
    body: `text of ${rev} `.repeat(4),
  }
}

/** Transaction `n` rewrites one document (every seventh also deletes the next one). */
function aTransaction(n: number): CommittedTransaction {
  const id = DOCUMENT_IDS[n % DOCUMENT_IDS.length] ?? 'a'
  const next = DOCUMENT_IDS[(n + 1) % DOCUMENT_IDS.length] ?? 'b'
  const changes: CommittedTransaction['changes'] = [{ id, before: null, after: aDoc(id, `t${n}`) }]
  if (n % 7 === 0) changes.push({ id: next, before: null, after: null })
  return { id: `t${n}`, dataset: 'production', timestamp: '2026-01-01T00:00:00Z', results: [], changes }
}

/** Commits `count` transactions from `from` on, a few at a time so that some arrive while others are being synced. */
async function commitMany(store: DocumentStore, from: number, count: number): Promise<void> {
  const inFlight: Promise<number>[] = []
  for (let n = from; n < from + count; n++) {
    inFlight.push(store.commit(aTransaction(n)))
    if (n % 3 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  await Promise.all(inFlight)
}

/** Everything a reader can see: documents, the kept history with previous values, each document's history. */
function describeStore(store: DocumentStore): unknown {
  return {
    documents: [...store.reader('production').listDocuments()].map((doc) => JSON.stringify(doc)).sort(),
    history: store.history.listSince(0).map((entry) => ({
      seq: entry.seq,
      id: entry.transaction.id,
      changes: entry.transaction.changes.map((change) => [
        change.id,
        change.before?._rev ?? null,
        change.after?._rev ?? null,
      ]),
    })),
    byDocument: DOCUMENT_IDS.map((id) =>
      store.history.listForDocument('production', id).map((entry) => entry.seq),
    ),
    lastSeq: store.history.lastSeq,
  }
}

async function listSegmentNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(join(dir, 'segments'))).sort()
  } catch {
    return []
  }
}

const RETENTION: DiskStoreOptions = {
  compactEvery: 10,
  retention: { maxTransactionsPerDocument: 3, recentTransactions: 4 },
}

describe('disk store compaction', () => {
  it('deletes the log segments a compaction covered', async () => {
    const dir = await aDataDir()
    const store = await openDiskStore(dir, RETENTION)
    await commitMany(store, 1, 300)
    await store.close()
    expect(await listSegmentNames(dir)).toEqual([])
    const snapshot = await readFile(join(dir, 'snapshot.ndjson'), 'utf8')
    expect(snapshot.split('\n')[0]).toContain('"snapshot":2')
    // How many records the log holds depends on how many arrived while the last snapshot was written.
    const logLines = (await readFile(join(dir, 'log.ndjson'), 'utf8')).split('\n').filter(Boolean)
    expect(logLines.length).toBeLessThan(300)
  })

  it('reopens after compaction with every live document and the kept history', async () => {
    const dir = await aDataDir()
    const store = await openDiskStore(dir, RETENTION)
    await commitMany(store, 1, 300)
    const before = describeStore(store)
    await store.close()
    const reopened = await openDiskStore(dir, RETENTION)
    expect(describeStore(reopened)).toEqual(before)
    await commitMany(reopened, 301, 40)
    const later = describeStore(reopened)
    await reopened.close()
    const again = await openDiskStore(dir, RETENTION)
    expect(describeStore(again)).toEqual(later)
    await again.close()
  })

  it('recovers after a crash between rotating the log and finishing the snapshot', async () => {
    const dir = await aDataDir()
    const store = await openDiskStore(dir, RETENTION)
    await commitMany(store, 1, 200)
    await store.close()
    const uncompacted = await openDiskStore(dir, { ...RETENTION, compactEvery: 1_000_000 })
    await commitMany(uncompacted, 201, 30)
    const expected = describeStore(uncompacted)
    await uncompacted.close()
    expect(await readFile(join(dir, 'snapshot.ndjson'), 'utf8')).toContain('"snapshot":2')
    // The crash: the log was renamed into segments/ and the new snapshot was half written.
    await mkdir(join(dir, 'segments'), { recursive: true })
    await rename(join(dir, 'log.ndjson'), join(dir, 'segments', 'log-000000000230.ndjson'))
    await writeFile(join(dir, 'snapshot.ndjson.tmp'), '0badc0de\t{"snapshot":2,"seq":2')
    const recovered = await openDiskStore(dir, RETENTION)
    expect(describeStore(recovered)).toEqual(expected)
    expect(await readdir(dir)).not.toContain('snapshot.ndjson.tmp')
    await commitMany(recovered, 231, 60)
    const later = describeStore(recovered)
    await recovered.close()
    expect(await listSegmentNames(dir)).toEqual([])
    const again = await openDiskStore(dir, RETENTION)
    expect(describeStore(again)).toEqual(later)
    await again.close()
  })

  it('finishes a compaction that crashed after its snapshot landed, without reading history twice', async () => {
    const dir = await aDataDir()
    const unlimited = await openDiskStore(dir, { compactEvery: 1_000_000 })
    await commitMany(unlimited, 1, 20)
    await unlimited.close()
    const coveredLog = await readFile(join(dir, 'log.ndjson'), 'utf8')
    const store = await openDiskStore(dir, { compactEvery: 1 })
    await store.commit(aTransaction(21))
    const expected = describeStore(store)
    await store.close()
    expect(await listSegmentNames(dir)).toEqual([])
    // The crash: the snapshot through 21 had landed, the segment through 20 was not yet deleted.
    await mkdir(join(dir, 'segments'), { recursive: true })
    await writeFile(join(dir, 'segments', 'log-000000000020.ndjson'), coveredLog)
    const recovered = await openDiskStore(dir, { compactEvery: 1 })
    expect(describeStore(recovered)).toEqual(expected)
    expect(await listSegmentNames(dir)).toEqual([])
    await recovered.close()
  })

  it('reads a data dir from before retention: a snapshot without history beside every segment', async () => {
    const dir = await aDataDir()
    const records = Array.from({ length: 6 }, (_, index) =>
      buildLogRecord(index + 1, aTransaction(index + 1)),
    )
    const state = new Map<string, LakeDocument>()
    for (const record of records.slice(0, 4))
      for (const [id, doc] of record.docs) {
        if (doc) state.set(id, doc)
        else state.delete(id)
      }
    await writeFile(
      join(dir, 'snapshot.ndjson'),
      [{ snapshot: 1, seq: 4 }, ...[...state.values()].map((doc) => ({ ds: 'production', doc }))]
        .map(encodeLine)
        .join(''),
    )
    await mkdir(join(dir, 'segments'))
    await writeFile(
      join(dir, 'segments', 'log-000000000004.ndjson'),
      records.slice(0, 4).map(encodeLine).join(''),
    )
    await writeFile(join(dir, 'log.ndjson'), records.slice(4).map(encodeLine).join(''))

    const store = await openDiskStore(dir, { compactEvery: 1 })
    const opened = describeStore(store)
    expect(store.history.listSince(0).map((entry) => entry.transaction.id)).toEqual([
      't1',
      't2',
      't3',
      't4',
      't5',
      't6',
    ])
    // t6 rewrites b, last written by t1; history supplies that previous value from the old segment.
    expect(
      store.history.listForDocument('production', 'b').at(-1)?.transaction.changes[0]?.before?._rev,
    ).toBe('t1')
    await commitMany(store, 7, 10)
    const later = describeStore(store)
    await store.close()
    expect(await listSegmentNames(dir)).toEqual([])
    const reopened = await openDiskStore(dir, { compactEvery: 1 })
    expect(describeStore(reopened)).toEqual(later)
    expect(describeStore(reopened)).not.toEqual(opened)
    await reopened.close()
  })
})
