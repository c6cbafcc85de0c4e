import 'server-only'
import { z } from 'zod'
import { fetchContent } from '@/lib/content/client'
import { approvedCommentsQuery, commentReplyTargetQuery, commentSettingsQuery } from '@/lib/content/queries'
import { tags } from '@/lib/content/tags'
import { routes } from '@/lib/routes'
import { getRememberedCommenter, listOwnCommentIds } from '@/lib/comments/cookies'
import { getCommentStore } from '@/lib/comments/deps'
import { publicCommentSchema } from '@/lib/comments/store'
import type { CommentFormProps } from '@/lib/comments/form-state'
import { getCommentingState, type PostCommentSettings } from '@/lib/comments/open'
import { resolveCommentPolicy, storedCommentPolicySchema } from '@/lib/comments/spam/policy'
import { createFormToken } from '@/lib/comments/spam/fill-time'
import { buildCommentThread, MAX_THREAD_DEPTH, type ThreadNode } from '@/lib/comments/thread'
import { getSigningKey } from '@/lib/security/keys'

const publicCommentsSchema = z.array(publicCommentSchema)

/**
 * Approved comments (cached under the post's comment tag) plus this reader's own comments awaiting moderation
 * (read fresh, found through their signed cookie), threaded. Reads cookies: render it per request.
 */
export async function listCommentThread(postId: string): Promise<ThreadNode[]> {
  const ownIds = await listOwnCommentIds()
  const [approved, pending] = await Promise.all([
    fetchContent(approvedCommentsQuery, { postId }, { cache: 'tagged', tags: [tags.postComments(postId)] }),
    // Uncached and through the token-bearing client: what only this reader may see never enters a shared cache.
    ownIds.length === 0 ? [] : getCommentStore().listOwnPendingComments(postId, ownIds),
  ])
  return buildCommentThread([
    ...publicCommentsSchema.parse(approved).map((comment) => ({ ...comment, pending: false })),
    ...pending.map((comment) => ({ ...comment, pending: true })),
  ])
}

const replyTargetSchema = z
  .object({
    _id: z.string(),
    postId: z.string().nullable(),
    status: z.string().nullable(),
    name: z.string().nullable(),
    parentId: z.string().nullable(),
    grandparentId: z.string().nullable(),
  })
  .nullable()

const siteCommentSettingsSchema = z.object({ commentPolicy: storedCommentPolicySchema }).nullable()

/** Everything the comment form needs. `replyTo` is the raw `?replyto=` value; an unusable one is ignored. */
export async function getCommentFormProps(
  post: PostCommentSettings & { _id: string; slug: string },
  replyTo: string | undefined,
  now: Date = new Date(),
): Promise<CommentFormProps> {
  const validReplyTo =
    replyTo !== undefined && /^comment\.[A-Za-z0-9-]{1,64}$/.test(replyTo) ? replyTo : undefined
  const [settings, target, remembered] = await Promise.all([
    fetchContent(commentSettingsQuery, {}, { cache: 'tagged', tags: [tags.siteSettings()] }),
    validReplyTo === undefined
      ? null
      : fetchContent(
          commentReplyTargetQuery,
          { commentId: validReplyTo },
          { cache: 'tagged', tags: [tags.postComments(post._id)] },
        ),
    getRememberedCommenter(),
  ])
  const policy = resolveCommentPolicy(siteCommentSettingsSchema.parse(settings)?.commentPolicy)
  const parent = replyTargetSchema.parse(target)
  // Depth of the target: replies below the last level are not offered (the list shows no "Reply" there either).
  const depth =
    parent === null ? 0 : 1 + Number(parent.parentId !== null) + Number(parent.grandparentId !== null)
  const canReplyTo =
    parent !== null && parent.status === 'approved' && parent.postId === post._id && depth < MAX_THREAD_DEPTH
  return {
    postId: post._id,
    closed: !getCommentingState(post, policy.autoCloseDays, now).open,
    formToken: createFormToken(getSigningKey('form-timestamp'), post._id, now),
    replyTo: canReplyTo ? { id: parent._id, name: parent.name ?? 'Anonymous' } : null,
    cancelReplyHref: `${routes.post(post.slug)}#respond`,
    permalink: canReplyTo ? routes.postReply(post.slug, parent._id) : `${routes.post(post.slug)}#respond`,
    defaults: {
      body: '',
      name: remembered?.name ?? '',
      email: remembered?.email ?? '',
      website: remembered?.website ?? '',
      remember: remembered !== null,
    },
  }
}
