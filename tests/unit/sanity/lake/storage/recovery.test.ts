import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CommittedTransaction } from '../../../../../sanity/lake/core/transaction.ts'
import { openDiskStore } from '../../../../../sanity/lake/storage/disk-store.ts'
import { StorageCorruptError } from '../../../../../sanity/lake/storage/recovery.ts'

let dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  dirs = []
})

function aTransaction(id: string): CommittedTransaction {
  const doc = {
    _id: id,
    _type: 'post',
    _rev: id,
    _createdAt: '2026-01-01T00:00:00Z',
    _updatedAt: '2026-01-01T00:00:00Z',
  }
  return {
    id,
    dataset: 'production',
    timestamp: '2026-01-01T00:00:00Z',
    results: [],
    changes: [{ id, before: null, after: doc }],
  }
}

async function storeWithTwoRecords(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lake-recovery-'))
  dirs.push(dir)
  const store = await openDiskStore(dir)
  await store.commit(aTransaction('one'))
  await store.commit(aTransaction('two'))
  await store.close()
  return dir
}

describe('disk store recovery', () => {
  it('cuts off a torn last record, reports it and keeps it for inspection', async () => {
    const dir = await storeWithTwoRecords()
    await appendFile(join(dir, 'log.ndjson'), '0badc0de\t{"seq":3,"tx":"thr')
    const store = await openDiskStore(dir)
    expect(store.recovery.corruptTail).toMatchObject({ reason: 'record without line end' })
    expect(store.reader('production').getDocument('two')).not.toBeNull()
    const saved = await readFile(store.recovery.corruptTail?.savedTo ?? '', 'utf8')
    expect(saved).toContain('"tx":"thr')
    await store.close()
    const again = await openDiskStore(dir)
    expect(again.recovery.corruptTail).toBeNull()
    await again.close()
  })

  it('detects a record whose checksum does not match its bytes', async () => {
    const dir = await storeWithTwoRecords()
    const path = join(dir, 'log.ndjson')
    const lines = (await readFile(path, 'utf8')).split('\n')
    lines[1] = (lines[1] ?? '').replace('"two"', '"tw0"')
    await writeFile(path, lines.join('\n'))
    const store = await openDiskStore(dir)
    expect(store.recovery.corruptTail).toMatchObject({ reason: 'checksum mismatch' })
    expect(store.reader('production').getDocument('two')).toBeNull()
    expect(store.reader('production').getDocument('tw0')).toBeNull()
    await store.close()
  })

  it('refuses to start when a damaged record is followed by valid ones', async () => {
    const dir = await storeWithTwoRecords()
    const path = join(dir, 'log.ndjson')
    const lines = (await readFile(path, 'utf8')).split('\n')
    lines[0] = (lines[0] ?? '').replace('"one"', '"0ne"')
    await writeFile(path, lines.join('\n'))
    await expect(openDiskStore(dir)).rejects.toBeInstanceOf(StorageCorruptError)
  })
})
