import { describe, expect, it } from 'vitest'
import {
  buildAuditEntry,
  canApplyModeration,
  parseCommentStatus,
  toModeratorLabel,
} from '@/lib/comments/moderation-rules'
import type { CommentStatus } from '@/lib/comments/status'
import type { ModerationAction } from '@/lib/security/tokens'

const ACTIONS: ModerationAction[] = ['approve', 'spam', 'trash']

function offeredFor(status: CommentStatus | null): ModerationAction[] {
  return ACTIONS.filter((action) => canApplyModeration(action, status))
}

describe('canApplyModeration', () => {
  it('offers every decision for a pending comment', () => {
    expect(offeredFor('pending')).toEqual(['approve', 'spam', 'trash'])
  })

  it('hides the decision that would leave the status unchanged', () => {
    expect(offeredFor('approved')).toEqual(['spam', 'trash'])
    expect(offeredFor('spam')).toEqual(['approve', 'trash'])
    expect(offeredFor('trash')).toEqual(['approve', 'spam'])
  })

  it('offers every decision when the status is unknown', () => {
    expect(offeredFor(null)).toEqual(['approve', 'spam', 'trash'])
  })
})

describe('parseCommentStatus', () => {
  it('accepts each known status', () => {
    for (const status of ['pending', 'approved', 'spam', 'trash'] as const)
      expect(parseCommentStatus(status)).toBe(status)
  })

  it('returns null for a missing or unknown value', () => {
    expect(parseCommentStatus(undefined)).toBeNull()
    expect(parseCommentStatus('published')).toBeNull()
    expect(parseCommentStatus(3)).toBeNull()
  })
})

describe('buildAuditEntry', () => {
  it('records the decision with its key, an ISO time, the moderator and the channel', () => {
    const entry = buildAuditEntry(
      { status: 'spam', at: new Date('2026-03-01T10:20:30.000Z'), by: 'mod@example.com', channel: 'studio' },
      'k1',
    )
    expect(entry).toEqual({
      _key: 'k1',
      _type: 'commentAuditEntry',
      status: 'spam',
      at: '2026-03-01T10:20:30.000Z',
      by: 'mod@example.com',
      channel: 'studio',
    })
  })
})

describe('toModeratorLabel', () => {
  it('names the moderator by email, as mailed moderation links do', () => {
    expect(toModeratorLabel({ id: 'p1', name: 'Ann', email: 'ann@example.com' })).toBe('ann@example.com')
  })

  it('falls back to the name, then to the user id', () => {
    expect(toModeratorLabel({ id: 'p1', name: 'Ann', email: ' ' })).toBe('Ann')
    expect(toModeratorLabel({ id: 'p1', name: '', email: '' })).toBe('p1')
  })
})
