import { describe, expect, it } from 'vitest'
import {
  buildOwnCommentsCookie,
  readOwnCommentIds,
  readRememberedCommenter,
} from '@/lib/comments/commenter-cookie'
import { deriveKey } from '@/lib/security/tokens'

const key = deriveKey('root-key-for-cookie-tests-01234567', 'commenter-cookie')

describe('own comments cookie', () => {
  it('lists the ids it was given, newest kept last', () => {
    const first = buildOwnCommentsCookie(key, [], 'comment.a')
    const second = buildOwnCommentsCookie(key, readOwnCommentIds(key, first), 'comment.b')
    expect(readOwnCommentIds(key, second)).toEqual(['comment.a', 'comment.b'])
  })

  it('reads as empty when a visitor edits it to claim someone else’s comment', () => {
    const cookie = buildOwnCommentsCookie(key, [], 'comment.a')
    const [, signature] = cookie.split('.')
    const forged = `${Buffer.from(JSON.stringify(['comment.victim'])).toString('base64url')}.${signature}`
    expect(readOwnCommentIds(key, forged)).toEqual([])
    expect(readOwnCommentIds(key, 'garbage')).toEqual([])
  })
})

describe('remember cookie', () => {
  it('ignores a malformed value', () => {
    expect(readRememberedCommenter('{"name":1}')).toBeNull()
    expect(readRememberedCommenter('not json')).toBeNull()
    expect(readRememberedCommenter('{"name":"Ada","email":"a@example.com","website":""}')).toEqual({
      name: 'Ada',
      email: 'a@example.com',
      website: '',
    })
  })
})
