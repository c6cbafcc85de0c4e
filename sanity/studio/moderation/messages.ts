// Text the moderation screens show to editors.
import type { ModerationAction } from '../../../lib/security/tokens.ts'
import type { CommentStatus } from '../../../lib/comments/status.ts'

export const STATUS_TITLES = {
  pending: 'Pending',
  approved: 'Approved',
  spam: 'Spam',
  trash: 'Trash',
} as const satisfies Record<CommentStatus, string>

export const ACTION_LABELS = {
  approve: 'Approve',
  spam: 'Mark as spam',
  trash: 'Move to trash',
} as const satisfies Record<ModerationAction, string>

export const moderationMessages = {
  commentsTitle: 'Comments',
  allCommentsTitle: 'All comments',
  notLoaded: 'The comment is still loading.',
  noUser: 'Sign in again: the Studio does not know who you are, so it cannot record the decision.',
  conflict:
    'Someone changed this comment while you were looking at it. Check its new state, then decide again.',
  failed: 'The decision was not saved. Check the connection to the content store, then try again.',
} as const
