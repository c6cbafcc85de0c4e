import { describe, expect, it } from 'vitest'
import { getCommentingState } from '@/lib/comments/open'

const NOW = new Date('2026-11-25T12:00:00Z')
const post = (
  publishedAt: string | null,
  comments: Parameters<typeof getCommentingState>[0]['comments'],
) => ({ publishedAt, comments })

describe('getCommentingState', () => {
  it('is open for a published post without comment settings', () => {
    expect(getCommentingState(post('2020-01-01T00:00:00Z', null), 30, NOW)).toEqual({ open: true })
  })

  it('is closed when an editor closed comments', () => {
    expect(getCommentingState(post('2026-11-24T00:00:00Z', { mode: 'closed' }), 30, NOW)).toEqual({
      open: false,
      reason: 'closed',
    })
  })

  it('closes automatically after the post’s own number of days', () => {
    const settings = { mode: 'autoClose' as const, closeAfterDays: 7 }
    expect(getCommentingState(post('2026-11-19T12:00:01Z', settings), 30, NOW)).toEqual({ open: true })
    expect(getCommentingState(post('2026-11-18T12:00:00Z', settings), 30, NOW)).toEqual({
      open: false,
      reason: 'auto-closed',
    })
  })

  it('uses the site default when the post sets no number of days', () => {
    expect(getCommentingState(post('2026-11-01T00:00:00Z', { mode: 'autoClose' }), 14, NOW)).toEqual({
      open: false,
      reason: 'auto-closed',
    })
    expect(getCommentingState(post('2026-11-20T00:00:00Z', { mode: 'autoClose' }), 14, NOW)).toEqual({
      open: true,
    })
  })

  it('is closed for an unpublished or future post', () => {
    expect(getCommentingState(post(null, null), 30, NOW)).toEqual({ open: false, reason: 'not-published' })
    expect(getCommentingState(post('2027-01-01T00:00:00Z', null), 30, NOW)).toEqual({
      open: false,
      reason: 'not-published',
    })
  })
})
