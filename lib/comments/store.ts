import 'server-only'
import { ClientError, type SanityClient } from '@sanity/client'
import { z } from 'zod'
import {
  commentPostQuery,
  commentReplyTargetQuery,
  commentSettingsQuery,
  commenterHistoryQuery,
  duplicateCommentQuery,
  moderationCommentQuery,
  ownPendingCommentsQuery,
} from '@/lib/content/queries'
import {
  COMMENT_AUDIT_CHANNELS,
  COMMENT_MODES,
  COMMENT_STATUSES,
  MODERATION_SETTINGS_ID,
} from '@/lib/content/limits'
import type { NewOutboxItem } from '@/lib/mail/outbox'
import {
  resolveCommentPolicy,
  storedCommentPolicySchema,
  type CommentPolicy,
} from '@/lib/comments/spam/policy'
import { buildAuditEntry, type AuditEntry, type AuditEntryInput } from '@/lib/comments/moderation-rules'
import type { CommentStatus } from '@/lib/comments/status'

export class CommentStoreError extends Error {
  override name = 'CommentStoreError'
}

export const COMMENT_ID_PREFIX = 'comment.'
const SITE_TITLE_FALLBACK = 'Lakeside Blog'

const postSchema = z.object({
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
  publishedAt: z.string().nullable(),
  comments: z.object({ mode: z.enum(COMMENT_MODES), closeAfterDays: z.number().nullish() }).nullable(),
})
export type PostForCommenting = z.infer<typeof postSchema>

const replyTargetSchema = z.object({
  _id: z.string(),
  postId: z.string().nullable(),
  status: z.enum(COMMENT_STATUSES).nullable(),
  name: z.string().nullable(),
  parentId: z.string().nullable(),
  grandparentId: z.string().nullable(),
})
export type ReplyTarget = z.infer<typeof replyTargetSchema>

const auditEntrySchema = z.object({
  status: z.enum(COMMENT_STATUSES),
  at: z.string(),
  by: z.string(),
  channel: z.enum(COMMENT_AUDIT_CHANNELS),
})

const moderationCommentSchema = z.object({
  _id: z.string(),
  _rev: z.string(),
  status: z.enum(COMMENT_STATUSES),
  name: z.string(),
  email: z.string(),
  website: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
  checksFired: z.array(z.string()).nullable(),
  usedTokenHashes: z.array(z.string()).nullable(),
  postId: z.string().nullable(),
  post: z.object({ title: z.string(), slug: z.string() }).nullable(),
  parent: z.object({ name: z.string(), body: z.string() }).nullable(),
  auditTrail: z.array(auditEntrySchema).nullable(),
})
export type ModerationComment = z.infer<typeof moderationCommentSchema>

const historySchema = z.object({ approved: z.number(), spam: z.number(), waiting: z.number() })
export type CommenterHistory = z.infer<typeof historySchema>

export const publicCommentSchema = z.object({
  _id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  website: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
})
export type PublicComment = z.infer<typeof publicCommentSchema>

export type CommentSiteSettings = { siteTitle: string; moderatorEmails: string[]; policy: CommentPolicy }

const moderationSettingsSchema = z
  .object({ moderatorEmails: z.array(z.unknown()).nullish(), commentPolicy: storedCommentPolicySchema })
  .nullable()
const settingsSchema = z.object({
  title: z.string().nullish(),
  moderation: moderationSettingsSchema,
  legacy: moderationSettingsSchema,
})

type Reference = { _type: 'reference'; _ref: string; _weak?: true }

export type NewComment = {
  _id: string
  _type: 'comment'
  post: Reference
  parent?: Reference
  name: string
  email: string
  website?: string
  body: string
  status: Extract<CommentStatus, 'pending' | 'spam'>
  createdAt: string
  ipHash: string
  userAgent: string
  checksFired: string[]
  auditTrail: AuditEntry[]
}

export type DecisionInput = {
  commentId: string
  /** The revision the moderator saw: a concurrent change makes the write fail instead of overwriting it. */
  rev: string
  entry: AuditEntryInput
  tokenHash: string
}

/** Everything comments need from the content store; tests pass an in-memory one. */
export interface CommentStore {
  getPostForCommenting(postId: string): Promise<PostForCommenting | null>
  getSiteSettings(): Promise<CommentSiteSettings>
  getReplyTarget(commentId: string): Promise<ReplyTarget | null>
  hasDuplicate(query: { postId: string; body: string; email: string; ipHash: string }): Promise<boolean>
  /** The comment and its notifications in one transaction: both are stored, or neither. */
  createComment(comment: NewComment, notifications: readonly NewOutboxItem[]): Promise<void>
  getCommentForModeration(commentId: string): Promise<ModerationComment | null>
  getCommenterHistory(email: string, commentId: string): Promise<CommenterHistory>
  recordDecision(decision: DecisionInput): Promise<'recorded' | 'conflict'>
  /** The reader's own comments on a post that still await moderation (public fields only). */
  listOwnPendingComments(postId: string, ids: readonly string[]): Promise<PublicComment[]>
}

export function createSanityCommentStore(client: SanityClient, newKey: () => string): CommentStore {
  const read = async <T>(
    what: string,
    query: string,
    params: Record<string, unknown>,
    schema: z.ZodType<T>,
  ): Promise<T> => {
    let rows: unknown
    try {
      rows = await client.fetch(query, params)
    } catch (error) {
      throw new CommentStoreError(`Could not read ${what}`, { cause: error })
    }
    const parsed = schema.safeParse(rows)
    if (!parsed.success)
      throw new CommentStoreError(`The store returned an unexpected ${what}`, { cause: parsed.error })
    return parsed.data
  }

  return {
    getPostForCommenting: (postId) => read('post', commentPostQuery, { postId }, postSchema.nullable()),

    async getSiteSettings() {
      const settings = await read(
        'site settings',
        commentSettingsQuery,
        { moderationSettingsId: MODERATION_SETTINGS_ID },
        settingsSchema,
      )
      // The whole private document or else the legacy fields, never a mix: a list an editor emptied in the new
      // document must not come back from the old one.
      const moderation = settings.moderation ?? settings.legacy
      const moderators = z.array(z.email()).safeParse(moderation?.moderatorEmails ?? [])
      return {
        siteTitle: settings.title ?? SITE_TITLE_FALLBACK,
        moderatorEmails: moderators.success ? moderators.data : [],
        policy: resolveCommentPolicy(moderation?.commentPolicy),
      }
    },

    getReplyTarget: (commentId) =>
      read('comment', commentReplyTargetQuery, { commentId }, replyTargetSchema.nullable()),

    hasDuplicate: (query) => read('duplicate check', duplicateCommentQuery, query, z.boolean()),

    async createComment(comment, notifications) {
      const transaction = client.transaction().create(comment)
      for (const item of notifications) transaction.create(item)
      try {
        await transaction.commit({ visibility: 'sync' })
      } catch (error) {
        throw new CommentStoreError(`Could not store comment ${comment._id}`, { cause: error })
      }
    },

    getCommentForModeration: (commentId) =>
      read('comment', moderationCommentQuery, { commentId }, moderationCommentSchema.nullable()),

    getCommenterHistory: (email, commentId) =>
      read('commenter history', commenterHistoryQuery, { email, commentId }, historySchema),

    listOwnPendingComments: (postId, ids) =>
      ids.length === 0
        ? Promise.resolve([])
        : read(
            'own comments',
            ownPendingCommentsQuery,
            { postId, ids: [...ids] },
            z.array(publicCommentSchema),
          ),

    async recordDecision({ commentId, rev, entry, tokenHash }) {
      try {
        // Two patches in one transaction: a patch holds one insert, so a second append would replace the first.
        // The revision check on the first one guards both.
        await client
          .transaction()
          .patch(commentId, (patch) =>
            patch
              .ifRevisionId(rev)
              .set({ status: entry.status })
              .setIfMissing({ auditTrail: [], usedTokenHashes: [] })
              .append('auditTrail', [buildAuditEntry(entry, newKey())]),
          )
          .patch(commentId, (patch) => patch.append('usedTokenHashes', [tokenHash]))
          .commit({ visibility: 'sync' })
        return 'recorded'
      } catch (error) {
        if (error instanceof ClientError && error.statusCode === 409) return 'conflict'
        throw new CommentStoreError(`Could not record the decision on ${commentId}`, { cause: error })
      }
    },
  }
}
