import { describe, expect, it } from 'vitest'
import {
  getCookieValue,
  parseFormTokenAnswer,
  parseOwnCommentsAnswer,
  parseRememberedCommenter,
  REMEMBER_COOKIE,
} from '@/lib/comments/browser-data'

describe('parseRememberedCommenter', () => {
  it('ignores a malformed value', () => {
    expect(parseRememberedCommenter(undefined)).toBeNull()
    expect(parseRememberedCommenter('{"name":1}')).toBeNull()
    expect(parseRememberedCommenter('not json')).toBeNull()
    expect(parseRememberedCommenter(`{"name":"${'a'.repeat(101)}","email":"","website":""}`)).toBeNull()
    expect(parseRememberedCommenter('{"name":"Ada","email":"a@example.com","website":""}')).toEqual({
      name: 'Ada',
      email: 'a@example.com',
      website: '',
    })
  })
})

describe('getCookieValue', () => {
  it('finds one cookie in document.cookie and decodes it as Next encoded it', () => {
    const value = JSON.stringify({ name: 'Zoë; "Z"', email: 'z@example.com', website: '' })
    const header = `other=1; ${REMEMBER_COOKIE}=${encodeURIComponent(value)}; last=2`
    expect(getCookieValue(header, REMEMBER_COOKIE)).toBe(value)
    expect(getCookieValue('other=1', REMEMBER_COOKIE)).toBeUndefined()
    expect(getCookieValue(`${REMEMBER_COOKIE}=%E0%A4%A`, REMEMBER_COOKIE)).toBeUndefined()
  })
})

describe('parseFormTokenAnswer', () => {
  it('reads the token, and nothing from an answer of another shape', () => {
    expect(parseFormTokenAnswer({ formToken: 'abc.def' })).toBe('abc.def')
    expect(parseFormTokenAnswer({ formToken: '' })).toBeNull()
    expect(parseFormTokenAnswer({ error: 'Unknown post.' })).toBeNull()
    expect(parseFormTokenAnswer(null)).toBeNull()
  })
})

describe('parseOwnCommentsAnswer', () => {
  const comment = {
    _id: 'comment.1',
    parentId: null,
    name: 'Ada',
    website: null,
    body: 'Mine',
    createdAt: '2026-11-25T12:00:00.000Z',
  }

  it('marks every comment as pending and keeps only public fields', () => {
    expect(parseOwnCommentsAnswer({ comments: [{ ...comment, email: 'ada@example.com' }] })).toEqual([
      { ...comment, pending: true },
    ])
  })

  it('refuses an answer of another shape as a whole', () => {
    expect(parseOwnCommentsAnswer({ comments: [comment, { ...comment, body: 3 }] })).toBeNull()
    expect(parseOwnCommentsAnswer({ error: 'Comments are unavailable just now.' })).toBeNull()
  })
})
