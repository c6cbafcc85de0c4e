import { describe, expect, it } from 'vitest'
import type { CommentInput } from '@/lib/comments/input'
import { submitComment, type SubmitDeps } from '@/lib/comments/submit'
import type { CommentPolicy } from '@/lib/comments/spam/policy'
import { createFormToken, MAX_FORM_TOKEN_AGE_MS } from '@/lib/comments/spam/fill-time'
import { createMemoryRateLimiter } from '@/lib/security/rate-limit'
import { deriveKey } from '@/lib/security/tokens'
import { aPost, createFakeCommentStore } from './fake-comment-store'

const ROOT_KEY = 'test-signing-key-0123456789abcdef'
const formKey = deriveKey(ROOT_KEY, 'form-timestamp')
const NOW = new Date('2026-11-25T12:00:00Z')
const visitor = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (test)' }

function setup(options: { policy?: Partial<CommentPolicy>; moderators?: string[]; now?: Date } = {}) {
  const fake = createFakeCommentStore({
    posts: [aPost(), aPost({ _id: 'post-closed', comments: { mode: 'closed' } })],
    policy: options.policy,
    moderators: options.moderators,
  })
  let ids = 0
  const deps: SubmitDeps = {
    store: fake.store,
    limiter: createMemoryRateLimiter(),
    now: () => options.now ?? NOW,
    newId: () => `id-${(ids += 1)}`,
    keys: { formTimestamp: formKey, ipHash: deriveKey(ROOT_KEY, 'ip-hash') },
    fallbackModerators: ['fallback@example.com'],
  }
  return { fake, deps }
}

function anInput(overrides: Partial<CommentInput> = {}): CommentInput {
  return {
    postId: 'post-1',
    parentId: undefined,
    body: 'Magnesium before bed stopped my night cramps.',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    website: 'https://ada.example',
    remember: false,
    honeypot: '',
    formToken: createFormToken(formKey, overrides.postId ?? 'post-1', new Date(NOW.getTime() - 60_000)),
    ...overrides,
  }
}

describe('submitComment', () => {
  it('stores a pending comment and one outbox item per moderator in the same write', async () => {
    const { fake, deps } = setup({ moderators: ['a@example.com', 'B@example.com', 'a@example.com'] })
    const result = await submitComment(anInput(), visitor, deps)
    expect(result).toEqual({
      ok: true,
      commentId: 'comment.id-1',
      status: 'pending',
      submitted: {
        _id: 'comment.id-1',
        parentId: null,
        name: 'Ada Lovelace',
        website: 'https://ada.example',
        body: 'Magnesium before bed stopped my night cramps.',
        createdAt: NOW.toISOString(),
      },
    })
    const stored = fake.comments.get('comment.id-1')
    expect(stored).toMatchObject({
      status: 'pending',
      post: { _ref: 'post-1' },
      email: 'ada@example.com',
      checksFired: [],
      userAgent: 'Mozilla/5.0 (test)',
      auditTrail: [{ status: 'pending', by: 'system', channel: 'web' }],
    })
    expect(stored?.ipHash).not.toContain('203.0.113')
    expect(fake.outbox.map((item) => item.to)).toEqual(['a@example.com', 'b@example.com'])
    expect(fake.outbox[0]).toMatchObject({
      _type: 'mailOutboxItem',
      commentId: 'comment.id-1',
      ipPrefix: '203.0.113.x',
    })
  })

  it('notifies the fallback moderators when the site settings list none', async () => {
    const { fake, deps } = setup({ moderators: [] })
    await submitComment(anInput(), visitor, deps)
    expect(fake.outbox.map((item) => item.to)).toEqual(['fallback@example.com'])
  })

  it('silently marks a comment as spam when the honeypot is filled, and notifies nobody', async () => {
    const { fake, deps } = setup()
    const result = await submitComment(anInput({ honeypot: 'http://spam.example' }), visitor, deps)
    expect(result).toMatchObject({ ok: true, status: 'spam' })
    expect(fake.comments.get('comment.id-1')?.checksFired).toEqual(['honeypot'])
    expect(fake.outbox).toEqual([])
  })

  it('silently marks a comment posted too fast as spam', async () => {
    const { fake, deps } = setup()
    const result = await submitComment(
      anInput({ formToken: createFormToken(formKey, 'post-1', new Date(NOW.getTime() - 500)) }),
      visitor,
      deps,
    )
    expect(result).toMatchObject({ ok: true, status: 'spam' })
    expect(fake.comments.get('comment.id-1')?.checksFired).toEqual(['too-fast'])
  })

  it('silently marks a comment with a forged form timestamp as spam', async () => {
    const { fake, deps } = setup()
    await submitComment(anInput({ formToken: 'forged.token' }), visitor, deps)
    expect(fake.comments.get('comment.id-1')).toMatchObject({
      status: 'spam',
      checksFired: ['bad-form-token'],
    })
  })

  it('holds a comment posted from a form served more than a day ago, flagged but not as spam', async () => {
    const { fake, deps } = setup()
    const servedAt = new Date(NOW.getTime() - MAX_FORM_TOKEN_AGE_MS - 60_000)
    const result = await submitComment(
      anInput({ formToken: createFormToken(formKey, 'post-1', servedAt) }),
      visitor,
      deps,
    )
    expect(result).toMatchObject({ ok: true, status: 'pending' })
    expect(fake.comments.get('comment.id-1')?.checksFired).toEqual(['stale-form-token'])
    expect(fake.outbox).toHaveLength(1)
  })

  it('holds a comment with too many links and records the check', async () => {
    const { fake, deps } = setup({ policy: { maxLinks: 1 } })
    await submitComment(anInput({ body: 'see https://a.example and https://b.example' }), visitor, deps)
    expect(fake.comments.get('comment.id-1')).toMatchObject({
      status: 'pending',
      checksFired: ['too-many-links'],
    })
    expect(fake.outbox).toHaveLength(1)
  })

  it('holds a comment with a moderation-list word', async () => {
    const { fake, deps } = setup({ policy: { moderationWords: ['pharmacy'] } })
    await submitComment(anInput({ body: 'cheap pharmacy here' }), visitor, deps)
    expect(fake.comments.get('comment.id-1')).toMatchObject({
      status: 'pending',
      checksFired: ['moderation-word'],
    })
  })

  it('marks a comment with a disallowed word as spam', async () => {
    const { fake, deps } = setup({ policy: { disallowedWords: ['casino'] } })
    await submitComment(anInput({ body: 'online casino bonus' }), visitor, deps)
    expect(fake.comments.get('comment.id-1')).toMatchObject({
      status: 'spam',
      checksFired: ['disallowed-word'],
    })
    expect(fake.outbox).toEqual([])
  })

  it('refuses the same comment twice from the same person', async () => {
    const { deps } = setup()
    await submitComment(anInput(), visitor, deps)
    const again = await submitComment(anInput(), visitor, deps)
    expect(again).toEqual({ ok: false, reason: 'duplicate' })
  })

  it('refuses the same text from the same address under another email', async () => {
    const { deps } = setup()
    await submitComment(anInput(), visitor, deps)
    expect(await submitComment(anInput({ email: 'other@example.com' }), visitor, deps)).toEqual({
      ok: false,
      reason: 'duplicate',
    })
  })

  it('limits one address to its per-minute budget and says when to retry', async () => {
    const { deps } = setup({ policy: { perVisitorPerMinute: 2 } })
    await submitComment(anInput({ body: 'first comment', email: 'a@example.com' }), visitor, deps)
    await submitComment(anInput({ body: 'second comment', email: 'b@example.com' }), visitor, deps)
    const third = await submitComment(
      anInput({ body: 'third comment', email: 'c@example.com' }),
      visitor,
      deps,
    )
    expect(third).toEqual({ ok: false, reason: 'rate-limited', retryAfterMs: 60_000 })
  })

  it('limits one email address across different IP addresses', async () => {
    const { deps } = setup({ policy: { perVisitorPerMinute: 1 } })
    await submitComment(anInput({ body: 'first comment' }), { ...visitor, ip: '198.51.100.1' }, deps)
    const second = await submitComment(
      anInput({ body: 'second comment' }),
      { ...visitor, ip: '198.51.100.2' },
      deps,
    )
    expect(second).toMatchObject({ ok: false, reason: 'rate-limited' })
  })

  it('limits the whole site when many visitors post at once', async () => {
    const { deps } = setup({ policy: { globalPerMinute: 2 } })
    for (const n of [1, 2]) {
      await submitComment(
        anInput({ body: `comment ${n}`, email: `p${n}@example.com` }),
        { ...visitor, ip: `198.51.100.${n}` },
        deps,
      )
    }
    const third = await submitComment(
      anInput({ body: 'comment 3', email: 'p3@example.com' }),
      { ...visitor, ip: '198.51.100.3' },
      deps,
    )
    expect(third).toMatchObject({ ok: false, reason: 'rate-limited' })
  })

  it('charges the site budget only for comments it stores, not for attempts on missing posts or parents', async () => {
    const { deps } = setup({ policy: { globalPerMinute: 2 } })
    for (const n of [1, 2, 3, 4]) {
      const from = { ...visitor, ip: `198.51.100.${n}` }
      expect(
        await submitComment(anInput({ postId: `missing-${n}`, email: `p${n}@example.com` }), from, deps),
      ).toMatchObject({
        reason: 'post-not-found',
      })
      expect(
        await submitComment(
          anInput({ parentId: `comment.missing-${n}`, email: `r${n}@example.com` }),
          from,
          deps,
        ),
      ).toMatchObject({ reason: 'parent-not-found' })
    }
    const real = await submitComment(anInput(), { ...visitor, ip: '198.51.100.9' }, deps)
    expect(real).toMatchObject({ ok: true, status: 'pending' })
  })

  it('keys IPv6 visitors by their /64, so fresh addresses from one network share one budget', async () => {
    const { deps } = setup({ policy: { perVisitorPerMinute: 2 } })
    const from = (host: string) => ({ ...visitor, ip: `2001:db8:1:2::${host}` })
    await submitComment(anInput({ body: 'first comment', email: 'a@example.com' }), from('a'), deps)
    await submitComment(anInput({ body: 'second comment', email: 'b@example.com' }), from('b'), deps)
    expect(
      await submitComment(anInput({ body: 'third comment', email: 'c@example.com' }), from('c'), deps),
    ).toMatchObject({ ok: false, reason: 'rate-limited' })
    const neighbour = { ...visitor, ip: '2001:db8:1:3::a' }
    expect(
      await submitComment(anInput({ body: 'fourth comment', email: 'd@example.com' }), neighbour, deps),
    ).toMatchObject({ ok: true })
  })

  it('refuses a comment on a post that does not exist or is not published', async () => {
    const { fake, deps } = setup()
    expect(await submitComment(anInput({ postId: 'nope' }), visitor, deps)).toEqual({
      ok: false,
      reason: 'post-not-found',
    })
    fake.posts.set('future', aPost({ _id: 'future', publishedAt: '2027-01-01T00:00:00Z' }))
    expect(await submitComment(anInput({ postId: 'future' }), visitor, deps)).toEqual({
      ok: false,
      reason: 'post-closed',
    })
  })

  it('refuses a comment on a post whose comments are closed', async () => {
    const { deps } = setup()
    expect(await submitComment(anInput({ postId: 'post-closed' }), visitor, deps)).toEqual({
      ok: false,
      reason: 'post-closed',
    })
  })

  it('refuses a comment once an auto-closing post is older than its limit', async () => {
    const { fake, deps } = setup()
    fake.posts.set(
      'old',
      aPost({
        _id: 'old',
        publishedAt: '2026-10-01T00:00:00Z',
        comments: { mode: 'autoClose', closeAfterDays: 14 },
      }),
    )
    expect(await submitComment(anInput({ postId: 'old' }), visitor, deps)).toEqual({
      ok: false,
      reason: 'post-closed',
    })
  })

  it('accepts a reply to an approved comment and refuses one to a pending comment', async () => {
    const { fake, deps } = setup()
    await submitComment(anInput(), visitor, deps)
    const reply = anInput({ parentId: 'comment.id-1', body: 'Same here!', email: 'bob@example.com' })
    expect(await submitComment(reply, visitor, deps)).toEqual({ ok: false, reason: 'parent-not-found' })
    fake.edit('comment.id-1', { status: 'approved' })
    const accepted = await submitComment(reply, visitor, deps)
    expect(accepted).toMatchObject({ ok: true, status: 'pending' })
    if (!accepted.ok) throw new Error('expected success')
    expect(fake.comments.get(accepted.commentId)?.parent).toEqual({
      _type: 'reference',
      _ref: 'comment.id-1',
      _weak: true,
    })
  })

  it('refuses a reply whose parent belongs to another post', async () => {
    const { fake, deps } = setup()
    fake.posts.set('post-2', aPost({ _id: 'post-2' }))
    await submitComment(anInput(), visitor, deps)
    fake.edit('comment.id-1', { status: 'approved' })
    const reply = anInput({ postId: 'post-2', parentId: 'comment.id-1', body: 'Cross-post reply' })
    expect(await submitComment(reply, visitor, deps)).toEqual({ ok: false, reason: 'parent-not-found' })
  })

  it('throws, reporting nothing as posted, when the store cannot take the write', async () => {
    const { fake, deps } = setup()
    fake.failWrites()
    await expect(submitComment(anInput(), visitor, deps)).rejects.toThrow('store down')
    expect(fake.comments.size).toBe(0)
  })
})
