import 'server-only'
import { z } from 'zod'
import { fetchContent } from '@/lib/content/client'
import { approvedCommentsQuery, commentSettingsQuery } from '@/lib/content/queries'
import { tags } from '@/lib/content/tags'
import { routes } from '@/lib/routes'
import { listOwnCommentIds } from '@/lib/comments/cookies'
import { getCommentStore } from '@/lib/comments/deps'
import { publicCommentSchema, type PublicComment } from '@/lib/comments/store'
import type { CommentFormProps } from '@/lib/comments/form-state'
import { getCommentingState, type PostCommentSettings } from '@/lib/comments/open'
import { resolveCommentPolicy, storedCommentPolicySchema } from '@/lib/comments/spam/policy'
import { createFormToken } from '@/lib/comments/spam/fill-time'
import { buildCommentThread, type ThreadNode } from '@/lib/comments/thread'
import { getSigningKey } from '@/lib/security/keys'

const publicCommentsSchema = z.array(publicCommentSchema)

/**
 * Approved comments, threaded, cached under the post's comment tag. Reads no cookies, so the static article
 * page can render it; each reader's own pending comments come from `listOwnPendingComments` in the browser.
 */
export async function listApprovedThread(postId: string): Promise<ThreadNode[]> {
  const approved = await fetchContent(
    approvedCommentsQuery,
    { postId },
    { cache: 'tagged', tags: [tags.postComments(postId)] },
  )
  return buildCommentThread(
    publicCommentsSchema.parse(approved).map((comment) => ({ ...comment, pending: false })),
  )
}

/**
 * This reader's own comments on the post that await moderation, found through their signed cookie (public
 * fields only). Reads cookies: call it only from a dynamic route handler. Throws CommentStoreError.
 */
export async function listOwnPendingComments(postId: string): Promise<PublicComment[]> {
  const ownIds = await listOwnCommentIds()
  // Uncached and through the token-bearing client: what only this reader may see never enters a shared cache.
  return ownIds.length === 0 ? [] : getCommentStore().listOwnPendingComments(postId, ownIds)
}

/** A form token issued now, for the form to swap in on mount (its minimum fill time counts from here). */
export function createFreshFormToken(postId: string, now: Date = new Date()): string {
  return createFormToken(getSigningKey('form-timestamp'), postId, now)
}

const siteCommentSettingsSchema = z.object({ commentPolicy: storedCommentPolicySchema }).nullable()

/**
 * Everything the comment form needs, with no per-reader state: the article page is static. `replyTo` is an
 * approved comment that accepts replies (see `findReplyTarget`), or `null` for a new thread.
 */
export async function getCommentFormProps(
  post: PostCommentSettings & { _id: string; slug: string },
  replyTo: ThreadNode | null,
  now: Date = new Date(),
): Promise<CommentFormProps> {
  const settings = await fetchContent(
    commentSettingsQuery,
    {},
    { cache: 'tagged', tags: [tags.siteSettings()] },
  )
  const policy = resolveCommentPolicy(siteCommentSettingsSchema.parse(settings)?.commentPolicy)
  const atForm = `${routes.post(post.slug)}#respond`
  return {
    postId: post._id,
    postSlug: post.slug,
    closed: !getCommentingState(post, policy.autoCloseDays, now).open,
    formToken: createFreshFormToken(post._id, now),
    replyTo: replyTo === null ? null : { id: replyTo._id, name: replyTo.name },
    cancelReplyHref: atForm,
    permalink: replyTo === null ? atForm : routes.postReply(post.slug, replyTo._id),
  }
}
