import type { DocumentBadgeComponent, DocumentBadgeDescription } from 'sanity'
import { parseCommentStatus } from '../../../lib/comments/moderation-rules.ts'
import type { CommentStatus } from '../../../lib/comments/status.ts'
import { STATUS_TITLES } from './messages.ts'

const STATUS_COLORS = {
  pending: 'warning',
  approved: 'success',
  spam: 'danger',
  trash: 'danger',
} as const satisfies Record<CommentStatus, DocumentBadgeDescription['color']>

/** Shows the comment's status beside the document title, where the form keeps it read-only. */
export const CommentStatusBadge: DocumentBadgeComponent = (props) => {
  const status = parseCommentStatus(props.published?.status)
  return status === null ? null : { label: STATUS_TITLES[status], color: STATUS_COLORS[status] }
}
