// An in-memory CommentStore for tests, with revision checks like the content store's `ifRevisionID`.
import type { CommentStore, ModerationComment, NewComment, PostForCommenting } from '@/lib/comments/store'
import { buildAuditEntry } from '@/lib/comments/moderation-rules'
import { DEFAULT_COMMENT_POLICY, type CommentPolicy } from '@/lib/comments/spam/policy'
import type { NewOutboxItem } from '@/lib/mail/outbox'
import type { CommentStatus } from '@/lib/comments/status'

export type StoredComment = Omit<NewComment, 'status'> & {
  status: CommentStatus
  _rev: string
  usedTokenHashes: string[]
}

export function createFakeCommentStore(
  options: {
    posts?: PostForCommenting[]
    policy?: Partial<CommentPolicy>
    moderators?: string[]
    siteTitle?: string
  } = {},
) {
  const posts = new Map((options.posts ?? []).map((post) => [post._id, post]))
  const comments = new Map<string, StoredComment>()
  const outbox: NewOutboxItem[] = []
  let revision = 0
  let failWrites = false
  const nextRev = () => `rev-${(revision += 1)}`

  const store: CommentStore = {
    async getPostForCommenting(postId) {
      return posts.get(postId) ?? null
    },
    async getSiteSettings() {
      return {
        siteTitle: options.siteTitle ?? 'Lakeside Blog',
        moderatorEmails: options.moderators ?? ['mod@example.com'],
        policy: { ...DEFAULT_COMMENT_POLICY, ...options.policy },
      }
    },
    async getReplyTarget(commentId) {
      const comment = comments.get(commentId)
      if (comment === undefined) return null
      const parent = comment.parent === undefined ? undefined : comments.get(comment.parent._ref)
      return {
        _id: comment._id,
        postId: comment.post._ref,
        status: comment.status,
        name: comment.name,
        parentId: comment.parent?._ref ?? null,
        grandparentId: parent?.parent?._ref ?? null,
      }
    },
    async hasDuplicate({ postId, body, email, ipHash }) {
      return [...comments.values()].some(
        (comment) =>
          comment.post._ref === postId &&
          comment.body === body &&
          comment.status !== 'trash' &&
          (comment.email === email || comment.ipHash === ipHash),
      )
    },
    async createComment(comment, notifications) {
      if (failWrites) throw new Error('store down')
      comments.set(comment._id, { ...comment, _rev: nextRev(), usedTokenHashes: [] })
      outbox.push(...notifications)
    },
    async getCommentForModeration(commentId): Promise<ModerationComment | null> {
      const comment = comments.get(commentId)
      if (comment === undefined) return null
      const post = posts.get(comment.post._ref)
      const parent = comment.parent === undefined ? undefined : comments.get(comment.parent._ref)
      return {
        _id: comment._id,
        _rev: comment._rev,
        status: comment.status,
        name: comment.name,
        email: comment.email,
        website: comment.website ?? null,
        body: comment.body,
        createdAt: comment.createdAt,
        checksFired: comment.checksFired,
        usedTokenHashes: comment.usedTokenHashes,
        postId: comment.post._ref,
        post: post === undefined ? null : { title: post.title, slug: post.slug },
        parent: parent === undefined ? null : { name: parent.name, body: parent.body },
        auditTrail: comment.auditTrail.map(({ status, at, by, channel }) => ({ status, at, by, channel })),
      }
    },
    async getCommenterHistory(email, commentId) {
      const others = [...comments.values()].filter(
        (comment) => comment.email === email && comment._id !== commentId,
      )
      return {
        approved: others.filter((comment) => comment.status === 'approved').length,
        spam: others.filter((comment) => comment.status === 'spam').length,
        waiting: [...comments.values()].filter((comment) => comment.status === 'pending').length,
      }
    },
    async listOwnPendingComments(postId, ids) {
      return [...comments.values()]
        .filter(
          (comment) =>
            ids.includes(comment._id) && comment.post._ref === postId && comment.status === 'pending',
        )
        .map(({ _id, parent, name, website, body, createdAt }) => ({
          _id,
          parentId: parent?._ref ?? null,
          name,
          website: website ?? null,
          body,
          createdAt,
        }))
    },
    async recordDecision({ commentId, rev, entry, tokenHash }) {
      const comment = comments.get(commentId)
      if (comment === undefined || comment._rev !== rev) return 'conflict'
      comments.set(commentId, {
        ...comment,
        status: entry.status,
        _rev: nextRev(),
        auditTrail: [...comment.auditTrail, buildAuditEntry(entry, `k${revision}`)],
        usedTokenHashes: [...comment.usedTokenHashes, tokenHash],
      })
      return 'recorded'
    },
  }

  return {
    store,
    comments,
    outbox,
    posts,
    failWrites: () => {
      failWrites = true
    },
    /** Changes a stored comment as an editor in the Studio would (new revision). */
    edit(commentId: string, change: Partial<Omit<StoredComment, '_id'>>) {
      const comment = comments.get(commentId)
      if (comment === undefined) throw new Error(`no comment ${commentId}`)
      comments.set(commentId, { ...comment, ...change, _rev: nextRev() })
    },
  }
}

export function aPost(overrides: Partial<PostForCommenting> = {}): PostForCommenting {
  return {
    _id: 'post-1',
    title: 'Understanding Leg Cramps: Causes and Solutions',
    slug: 'understanding-leg-cramps',
    publishedAt: '2026-11-01T08:00:00.000Z',
    comments: { mode: 'open', closeAfterDays: null },
    ...overrides,
  }
}
