import { describe, expect, it } from 'vitest'
import {
  DEFAULT_COMMENT_POLICY,
  resolveCommentPolicy,
  storedCommentPolicySchema,
} from '@/lib/comments/spam/policy'

describe('resolveCommentPolicy', () => {
  it('uses the defaults when editors set nothing', () => {
    expect(resolveCommentPolicy(storedCommentPolicySchema.parse(null))).toEqual(DEFAULT_COMMENT_POLICY)
  })

  it('takes the editors’ word lists and limits, trimmed and lower-cased', () => {
    const stored = storedCommentPolicySchema.parse({
      maxLinks: 0,
      moderationWords: [' Pills ', '', 42],
      disallowedWords: ['CASINO'],
      rateLimitPerMinute: 1,
      rateLimitPerHour: 5,
      rateLimitSitePerMinute: 500,
      autoCloseDays: 14,
    })
    expect(resolveCommentPolicy(stored)).toMatchObject({
      maxLinks: 0,
      moderationWords: ['pills'],
      disallowedWords: ['casino'],
      perVisitorPerMinute: 1,
      perVisitorPerHour: 5,
      globalPerMinute: 500,
      autoCloseDays: 14,
    })
  })

  it('falls back to the default for a value an editor left invalid', () => {
    const stored = storedCommentPolicySchema.parse({ maxLinks: -3, rateLimitPerMinute: 1.5 })
    expect(resolveCommentPolicy(stored)).toMatchObject({ maxLinks: 2, perVisitorPerMinute: 3 })
  })
})
