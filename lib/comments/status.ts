// Pure: shared by the Studio-facing schema limits, the reader components and the moderation flow.
import type { COMMENT_AUDIT_CHANNELS, COMMENT_STATUSES } from '@/lib/content/limits'
import type { ModerationAction } from '@/lib/security/tokens'

export type CommentStatus = (typeof COMMENT_STATUSES)[number]
export type AuditChannel = (typeof COMMENT_AUDIT_CHANNELS)[number]

export const STATUS_BY_ACTION = {
  approve: 'approved',
  spam: 'spam',
  trash: 'trash',
} as const satisfies Record<ModerationAction, CommentStatus>
