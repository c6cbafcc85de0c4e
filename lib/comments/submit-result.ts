import type { CommentStatus } from '@/lib/comments/status'
import type { ThreadComment } from '@/lib/comments/thread'

/** The public fields of a comment just stored, so the reader's page can show it awaiting moderation. */
export type SubmittedComment = Omit<ThreadComment, 'pending'>

export type SubmitResult =
  | {
      ok: true
      commentId: string
      status: Extract<CommentStatus, 'pending' | 'spam'>
      submitted: SubmittedComment
    }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number }
  | { ok: false; reason: 'duplicate' | 'post-closed' | 'post-not-found' | 'parent-not-found' }
