import { describe, expect, it } from 'vitest'
import { toFormState, toStoreFailureState } from '@/lib/comments/form-state'
import { commentMessages as m } from '@/lib/comments/messages'

const values = { body: 'My comment', name: 'Ada', email: 'ada@example.com', website: '', remember: true }
const submitted = {
  _id: 'comment.1',
  parentId: null,
  name: 'Ada',
  website: null,
  body: 'My comment',
  createdAt: '2026-11-25T12:00:00.000Z',
}

describe('toFormState', () => {
  it('clears only the comment text after success, and hands back the comment to show its author', () => {
    expect(toFormState({ ok: true, commentId: 'comment.1', status: 'pending', submitted }, values)).toEqual({
      status: 'accepted',
      message: m.accepted,
      commentId: 'comment.1',
      comment: { ...submitted, pending: true },
      values: { ...values, body: '' },
    })
  })

  it('tells a fast poster how long to wait and keeps their text', () => {
    expect(toFormState({ ok: false, reason: 'rate-limited', retryAfterMs: 42_500 }, values)).toEqual({
      status: 'rejected',
      message: 'You are posting comments too quickly. Please wait 43 seconds and try again.',
      values,
    })
  })

  it('uses the WordPress wording for a duplicate', () => {
    expect(toFormState({ ok: false, reason: 'duplicate' }, values)).toMatchObject({
      message: 'Duplicate comment detected; it looks as though you’ve already said that!',
    })
  })

  it('keeps the text when the store is down', () => {
    expect(toStoreFailureState(values)).toEqual({ status: 'rejected', message: m.storeUnavailable, values })
  })
})
