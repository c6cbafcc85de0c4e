import { describe, expect, it } from 'vitest'
import { composeModerationMail } from '@/lib/comments/notify'
import type { OutboxItem } from '@/lib/mail/outbox'
import { deriveKey, verifyModerationToken } from '@/lib/security/tokens'
import { aPost, createFakeCommentStore } from './fake-comment-store'

const key = deriveKey('root-key-for-notify-tests-0123456789', 'moderation-token')
const NOW = new Date('2026-11-25T12:00:00Z')

function setup() {
  const fake = createFakeCommentStore({ posts: [aPost()], siteTitle: 'Lakeside Blog' })
  const base = {
    _type: 'comment' as const,
    post: { _type: 'reference' as const, _ref: 'post-1' },
    email: 'ada@example.com',
    createdAt: NOW.toISOString(),
    ipHash: 'h',
    userAgent: 'ua',
    auditTrail: [],
    usedTokenHashes: [],
  }
  fake.comments.set('comment.parent', {
    ...base,
    _id: 'comment.parent',
    _rev: 'r0',
    name: 'Bob',
    body: 'Parent text',
    status: 'approved',
    checksFired: [],
    email: 'bob@example.com',
  })
  fake.comments.set('comment.old', {
    ...base,
    _id: 'comment.old',
    _rev: 'r0',
    name: 'Ada',
    body: 'Older',
    status: 'approved',
    checksFired: [],
  })
  fake.comments.set('comment.new', {
    ...base,
    _id: 'comment.new',
    _rev: 'r1',
    name: 'Ada',
    body: 'A reply',
    status: 'pending',
    checksFired: ['too-many-links', 'not-a-known-check'],
    parent: { _type: 'reference', _ref: 'comment.parent', _weak: true },
  })
  const item: OutboxItem = {
    _id: 'outbox.1',
    _rev: 'o1',
    status: 'sending',
    kind: 'comment-moderation',
    commentId: 'comment.new',
    to: 'mod@example.com',
    ipPrefix: '203.0.113.x',
    attempts: 1,
    nextAttemptAt: NOW.toISOString(),
    leaseUntil: null,
    createdAt: NOW.toISOString(),
  }
  const deps = {
    store: fake.store,
    key,
    siteUrl: 'https://blog.example',
    fromAddress: 'no-reply@blog.example',
    now: () => NOW,
  }
  return { fake, item, deps }
}

describe('composeModerationMail', () => {
  it('builds the mail with history, checks, the parent and links bound to this moderator and comment', async () => {
    const { item, deps } = setup()
    const composed = await composeModerationMail(item, deps)
    if (composed.kind !== 'send') throw new Error('expected a mail')
    const { message } = composed
    expect(message.subject).toBe(
      '[Lakeside Blog] Please moderate: "Understanding Leg Cramps: Causes and Solutions"',
    )
    expect(message.to).toEqual([{ address: 'mod@example.com' }])
    expect(message.from).toEqual({ name: 'Lakeside Blog', address: 'no-reply@blog.example' })
    expect(message.text).toContain('History: 1 approved, 0 spam')
    expect(message.text).toContain('Checks fired: More links than the site allows')
    expect(message.text).toContain('In reply to Bob:')
    expect(message.text).toContain('https://blog.example/posts/understanding-leg-cramps')
    expect(message.text).toContain('https://blog.example/studio/structure/comment;comment.new')
    const approve = /Approve it: https:\/\/blog\.example\/moderate\/(\S+)/.exec(message.text)?.[1]
    expect(approve).toBeDefined()
    const check = verifyModerationToken(key, decodeURIComponent(approve ?? ''), NOW)
    expect(check).toMatchObject({
      ok: true,
      claims: { commentId: 'comment.new', action: 'approve', moderator: 'mod@example.com' },
    })
  })

  it('cancels when a moderator decided before the mail went out', async () => {
    const { fake, item, deps } = setup()
    fake.edit('comment.new', { status: 'approved' })
    expect(await composeModerationMail(item, deps)).toEqual({
      kind: 'cancel',
      reason: 'comment already approved',
    })
  })

  it('cancels when the comment was deleted', async () => {
    const { item, deps } = setup()
    expect(await composeModerationMail({ ...item, commentId: 'comment.gone' }, deps)).toEqual({
      kind: 'cancel',
      reason: 'comment deleted',
    })
  })
})
