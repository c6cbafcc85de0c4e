import { describe, expect, it } from 'vitest'
import { buildOwnCommentsCookie, cookieOptions, readOwnCommentIds } from '@/lib/comments/commenter-cookie'
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

describe('cookieOptions', () => {
  it('keeps the own-comments cookie from scripts, and lets the form read the remembered details', () => {
    expect(cookieOptions('https://blog.example', 'own')).toMatchObject({ httpOnly: true, secure: true })
    expect(cookieOptions('https://blog.example', 'remember')).toMatchObject({ httpOnly: false, secure: true })
  })
})
