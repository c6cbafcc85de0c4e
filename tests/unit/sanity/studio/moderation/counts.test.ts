import { describe, expect, it } from 'vitest'
import { buildCountedTitle, commentCountsQuery, parseCommentCounts } from '@/sanity/studio/moderation/counts'

describe('commentCountsQuery', () => {
  it('counts each status and leaves drafts and versions out', () => {
    for (const status of ['pending', 'approved', 'spam', 'trash'])
      expect(commentCountsQuery).toContain(`"${status}": count(`)
    expect(commentCountsQuery).toContain('!(_id in path("drafts.**"))')
  })
})

describe('parseCommentCounts', () => {
  it('accepts one count per status', () => {
    expect(parseCommentCounts({ pending: 3, approved: 10, spam: 1, trash: 0 })).toEqual({
      pending: 3,
      approved: 10,
      spam: 1,
      trash: 0,
    })
  })

  it('returns null for an answer without every count', () => {
    expect(parseCommentCounts({ pending: 3 })).toBeNull()
    expect(parseCommentCounts(null)).toBeNull()
    expect(parseCommentCounts({ pending: -1, approved: 0, spam: 0, trash: 0 })).toBeNull()
  })
})

describe('buildCountedTitle', () => {
  it('shows the count after the title', () => {
    expect(buildCountedTitle('Pending', 3)).toBe('Pending (3)')
    expect(buildCountedTitle('Spam', 0)).toBe('Spam (0)')
  })

  it('shows the bare title while the count is unknown', () => {
    expect(buildCountedTitle('Pending', null)).toBe('Pending')
  })
})
