import { describe, expect, it } from 'vitest'
import type { LakeDocument } from '../../../../../sanity/lake/core/document.ts'
import type { HistoryEntry } from '../../../../../sanity/lake/core/history.ts'
import { findDocumentAt } from '../../../../../sanity/lake/core/history-transactions.ts'

function aDoc(rev: string): LakeDocument {
  return {
    _id: 'p',
    _type: 'post',
    _rev: rev,
    _createdAt: '2026-01-01T00:00:00Z',
    _updatedAt: '2026-01-01T00:00:00Z',
  }
}

function anEntry(seq: number, before: LakeDocument | null, after: LakeDocument | null): HistoryEntry {
  return {
    seq,
    transaction: {
      id: `tx-${seq}`,
      dataset: 'production',
      timestamp: '2026-01-01T00:00:00Z',
      results: [],
      changes: [{ id: 'p', before, after }],
    },
  }
}

describe('findDocumentAt', () => {
  it('finds the last version of a deleted document when retention kept only its delete', () => {
    const onlyTheDelete = [anEntry(7, aDoc('tx-6'), null)]
    expect(findDocumentAt(onlyTheDelete, 'p', { kind: 'last' })?._rev).toBe('tx-6')
  })

  it('finds the last stored version before a delete in a full history', () => {
    const full = [
      anEntry(1, null, aDoc('tx-1')),
      anEntry(2, aDoc('tx-1'), aDoc('tx-2')),
      anEntry(3, aDoc('tx-2'), null),
    ]
    expect(findDocumentAt(full, 'p', { kind: 'last' })?._rev).toBe('tx-2')
    expect(findDocumentAt(full, 'p', { kind: 'revision', revision: 'tx-3' })).toBeNull()
  })
})
