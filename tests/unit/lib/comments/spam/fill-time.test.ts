import { describe, expect, it } from 'vitest'
import { checkFillTime, createFormToken, MAX_FORM_TOKEN_AGE_MS } from '@/lib/comments/spam/fill-time'
import { deriveKey } from '@/lib/security/tokens'

const key = deriveKey('k'.repeat(32), 'form-timestamp')
const issued = new Date('2026-11-25T10:00:00Z')
const after = (ms: number) => new Date(issued.getTime() + ms)

describe('checkFillTime', () => {
  it('passes a form posted after the minimum fill time', () => {
    expect(checkFillTime(key, createFormToken(key, 'post-1', issued), 'post-1', after(5000), 3000)).toBeNull()
  })

  it('fires when the form is posted faster than a person can type', () => {
    expect(checkFillTime(key, createFormToken(key, 'post-1', issued), 'post-1', after(800), 3000)).toBe(
      'too-fast',
    )
  })

  it('fires when the timestamp is missing, forged or signed with another key', () => {
    const forged = createFormToken(deriveKey('x'.repeat(32), 'form-timestamp'), 'post-1', issued)
    expect(checkFillTime(key, '', 'post-1', after(5000), 3000)).toBe('bad-form-token')
    expect(checkFillTime(key, forged, 'post-1', after(5000), 3000)).toBe('bad-form-token')
  })

  it('fires when a token for another post is replayed', () => {
    expect(checkFillTime(key, createFormToken(key, 'post-2', issued), 'post-1', after(5000), 3000)).toBe(
      'bad-form-token',
    )
  })

  it('fires for a timestamp from the future', () => {
    expect(
      checkFillTime(key, createFormToken(key, 'post-1', after(10 * 60_000)), 'post-1', issued, 3000),
    ).toBe('bad-form-token')
  })

  it('accepts a static page’s token issued an hour before the page was served and filled', () => {
    const token = createFormToken(key, 'post-1', issued)
    expect(checkFillTime(key, token, 'post-1', after(60 * 60_000 + 20 * 60_000), 3000)).toBeNull()
  })

  it('flags a token older than the maximum age as stale', () => {
    const token = createFormToken(key, 'post-1', issued)
    expect(checkFillTime(key, token, 'post-1', after(MAX_FORM_TOKEN_AGE_MS + 1), 3000)).toBe(
      'stale-form-token',
    )
  })
})
