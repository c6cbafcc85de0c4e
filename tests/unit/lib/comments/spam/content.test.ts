import { describe, expect, it } from 'vitest'
import { countLinks, evaluateContent, findListedWord, isHoneypotFilled } from '@/lib/comments/spam/content'
import { DEFAULT_COMMENT_POLICY } from '@/lib/comments/spam/policy'

const comment = (body: string, extra: { name?: string; email?: string; website?: string } = {}) => ({
  body,
  name: extra.name ?? 'Ada',
  email: extra.email ?? 'ada@example.com',
  website: extra.website,
})

describe('countLinks', () => {
  it('counts http(s) URLs, bare www. addresses and anchor tags', () => {
    expect(
      countLinks('see https://a.example and http://b.example, www.c.example and <a href="x">d</a>'),
    ).toBe(4)
  })

  it('finds none in plain text', () => {
    expect(countLinks('Drink water before running.')).toBe(0)
  })
})

describe('evaluateContent', () => {
  it('holds a comment with more links than the policy allows', () => {
    const verdict = evaluateContent(
      comment('https://a.example https://b.example https://c.example'),
      DEFAULT_COMMENT_POLICY,
    )
    expect(verdict).toEqual({ status: 'pending', checks: ['too-many-links'] })
  })

  it('lets a comment with exactly the allowed number of links through without a check', () => {
    expect(
      evaluateContent(comment('https://a.example https://b.example'), DEFAULT_COMMENT_POLICY).checks,
    ).toEqual([])
  })

  it('holds a comment containing a moderation-list word, whatever its case', () => {
    const policy = { ...DEFAULT_COMMENT_POLICY, moderationWords: ['supplement'] }
    expect(evaluateContent(comment('Try this SUPPLEMENTS shop'), policy)).toEqual({
      status: 'pending',
      checks: ['moderation-word'],
    })
  })

  it('marks a comment containing a disallowed word as spam, also when the word is in the name', () => {
    const policy = { ...DEFAULT_COMMENT_POLICY, disallowedWords: ['casino'] }
    expect(evaluateContent(comment('Nice post', { name: 'Best Casino' }), policy)).toEqual({
      status: 'spam',
      checks: ['disallowed-word'],
    })
  })

  it('records every check that fired', () => {
    const policy = {
      ...DEFAULT_COMMENT_POLICY,
      maxLinks: 0,
      moderationWords: ['pills'],
      disallowedWords: ['casino'],
    }
    expect(evaluateContent(comment('pills casino https://x.example'), policy).checks).toEqual([
      'too-many-links',
      'moderation-word',
      'disallowed-word',
    ])
  })
})

describe('findListedWord', () => {
  it('ignores empty list entries', () => {
    expect(findListedWord(comment('anything'), ['', 'other'])).toBeNull()
  })
})

describe('isHoneypotFilled', () => {
  it('fires when the hidden field has text', () => {
    expect(isHoneypotFilled('http://spam.example')).toBe(true)
    expect(isHoneypotFilled('')).toBe(false)
  })
})
