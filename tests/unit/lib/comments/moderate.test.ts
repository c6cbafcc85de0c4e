import { describe, expect, it } from 'vitest'
import { applyModeration, getModerationRequest, type ModerationDeps } from '@/lib/comments/moderate'
import { submitComment } from '@/lib/comments/submit'
import { createFormToken } from '@/lib/comments/spam/fill-time'
import { createMemoryRateLimiter } from '@/lib/security/rate-limit'
import {
  createModerationToken,
  deriveKey,
  MODERATION_TOKEN_TTL_MS,
  type ModerationAction,
} from '@/lib/security/tokens'
import { aPost, createFakeCommentStore } from './fake-comment-store'

const ROOT = 'root-key-for-moderation-tests-0123'
const key = deriveKey(ROOT, 'moderation-token')
const NOW = new Date('2026-11-25T14:02:00Z')

async function setup() {
  const fake = createFakeCommentStore({ posts: [aPost()] })
  const formKey = deriveKey(ROOT, 'form-timestamp')
  const submitted = await submitComment(
    {
      postId: 'post-1',
      parentId: undefined,
      body: 'Great tips, thank you!',
      name: 'Grace',
      email: 'grace@example.com',
      website: undefined,
      remember: false,
      honeypot: '',
      formToken: createFormToken(formKey, 'post-1', new Date(NOW.getTime() - 60_000)),
    },
    { ip: '198.51.100.1', userAgent: 'test' },
    {
      store: fake.store,
      limiter: createMemoryRateLimiter(),
      now: () => NOW,
      newId: () => 'c1',
      keys: { formTimestamp: formKey, ipHash: deriveKey(ROOT, 'ip-hash') },
      fallbackModerators: [],
    },
  )
  if (!submitted.ok) throw new Error('setup failed')
  const revalidated: string[] = []
  let now = NOW
  const deps: ModerationDeps = {
    store: fake.store,
    now: () => now,
    key,
    revalidatePostComments: (postId) => revalidated.push(postId),
  }
  const token = (action: ModerationAction, commentId = submitted.commentId) =>
    createModerationToken(key, { commentId, action, moderator: 'mod@example.com' }, NOW)
  return {
    fake,
    deps,
    token,
    revalidated,
    commentId: submitted.commentId,
    setNow: (value: Date) => (now = value),
  }
}

describe('getModerationRequest', () => {
  it('shows the comment, its post and the one action, and changes nothing', async () => {
    const { fake, deps, token, commentId } = await setup()
    const request = await getModerationRequest(token('approve'), deps)
    expect(request).toMatchObject({
      ok: true,
      action: 'approve',
      comment: { _id: commentId, name: 'Grace', body: 'Great tips, thank you!' },
      post: { title: aPost().title, slug: aPost().slug },
    })
    expect(fake.comments.get(commentId)?.status).toBe('pending')
  })
})

describe('applyModeration', () => {
  it('approves, records who, when and the channel, uses the token up and revalidates the post', async () => {
    const { fake, deps, token, revalidated, commentId } = await setup()
    expect(await applyModeration(token('approve'), deps)).toEqual({ ok: true, status: 'approved', at: NOW })
    const stored = fake.comments.get(commentId)
    expect(stored?.status).toBe('approved')
    expect(stored?.auditTrail.at(-1)).toMatchObject({
      status: 'approved',
      by: 'mod@example.com',
      channel: 'email',
      at: NOW.toISOString(),
    })
    expect(stored?.usedTokenHashes).toHaveLength(1)
    expect(revalidated).toEqual(['post-1'])
  })

  it.each(['spam', 'trash'] as const)('applies the %s action the token is bound to', async (action) => {
    const { fake, deps, token, commentId } = await setup()
    await applyModeration(token(action), deps)
    expect(fake.comments.get(commentId)?.status).toBe(action)
  })

  it('says the link was used, with the time, when the same token comes back', async () => {
    const { deps, token } = await setup()
    const approve = token('approve')
    await applyModeration(approve, deps)
    expect(await applyModeration(approve, deps)).toEqual({
      ok: false,
      reason: 'already-decided',
      status: 'approved',
      at: NOW,
      byThisLink: true,
    })
  })

  it('says the comment was already decided when another link or the Studio got there first', async () => {
    const { deps, token } = await setup()
    await applyModeration(token('spam'), deps)
    const refusal = await applyModeration(token('approve'), deps)
    expect(refusal).toMatchObject({ ok: false, reason: 'already-decided', status: 'spam', byThisLink: false })
  })

  it('refuses a used token even after an editor set the comment back to pending', async () => {
    const { fake, deps, token, commentId } = await setup()
    const approve = token('approve')
    await applyModeration(approve, deps)
    fake.edit(commentId, { status: 'pending' })
    expect(await applyModeration(approve, deps)).toEqual({ ok: false, reason: 'used-link' })
  })

  it('refuses a tampered token and changes nothing', async () => {
    const { fake, deps, token, commentId } = await setup()
    const [payload = ''] = token('approve').split('.')
    const forged = `${payload}.${'A'.repeat(43)}`
    expect(await applyModeration(forged, deps)).toEqual({ ok: false, reason: 'invalid-link' })
    expect(fake.comments.get(commentId)?.status).toBe('pending')
  })

  it('refuses an expired token', async () => {
    const { deps, token, setNow } = await setup()
    const approve = token('approve')
    setNow(new Date(NOW.getTime() + MODERATION_TOKEN_TTL_MS + 1))
    expect(await applyModeration(approve, deps)).toEqual({ ok: false, reason: 'expired-link' })
  })

  it('says the comment is gone when it was deleted', async () => {
    const { deps, token } = await setup()
    expect(await applyModeration(token('approve', 'comment.deleted'), deps)).toEqual({
      ok: false,
      reason: 'comment-gone',
    })
  })

  it('reports a conflict instead of overwriting a change made in the meantime', async () => {
    const { fake, deps, token, commentId } = await setup()
    const racingStore = {
      ...fake.store,
      async getCommentForModeration(id: string) {
        const seen = await fake.store.getCommentForModeration(id)
        fake.edit(commentId, { name: 'Edited in the Studio' })
        return seen
      },
    }
    expect(await applyModeration(token('approve'), { ...deps, store: racingStore })).toEqual({
      ok: false,
      reason: 'conflict',
    })
    expect(fake.comments.get(commentId)?.status).toBe('pending')
  })
})
