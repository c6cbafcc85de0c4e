import type { CommentStatus } from '@/lib/comments/status'

export type SubmitResult =
  | { ok: true; commentId: string; status: Extract<CommentStatus, 'pending' | 'spam'> }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number }
  | { ok: false; reason: 'duplicate' | 'post-closed' | 'post-not-found' | 'parent-not-found' }
