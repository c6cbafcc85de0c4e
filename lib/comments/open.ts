import type { COMMENT_MODES } from '@/lib/content/limits'
import { assertNever } from '@/lib/assert-never'

export type CommentMode = (typeof COMMENT_MODES)[number]

const DAY = 24 * 60 * 60 * 1000

export type CommentingState =
  { open: true } | { open: false; reason: 'closed' | 'auto-closed' | 'not-published' }

export type PostCommentSettings = {
  publishedAt: string | null
  /** A post saved before comment settings existed has none: its comments are open. */
  comments: { mode: CommentMode; closeAfterDays?: number | null } | null
}

export function getCommentingState(
  post: PostCommentSettings,
  siteAutoCloseDays: number,
  now: Date,
): CommentingState {
  const published = post.publishedAt === null ? Number.NaN : Date.parse(post.publishedAt)
  if (Number.isNaN(published) || published > now.getTime()) return { open: false, reason: 'not-published' }
  const mode = post.comments?.mode ?? 'open'
  switch (mode) {
    case 'open':
      return { open: true }
    case 'closed':
      return { open: false, reason: 'closed' }
    case 'autoClose': {
      const days = post.comments?.closeAfterDays ?? siteAutoCloseDays
      return now.getTime() - published < days * DAY ? { open: true } : { open: false, reason: 'auto-closed' }
    }
    default:
      return assertNever(mode, 'comment mode')
  }
}
