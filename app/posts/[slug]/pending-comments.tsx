'use client'
// The reader's own comments awaiting moderation, shown only to them: top-level ones after the approved thread,
// replies under their parent. The article page is static, so they arrive after it, from the `mine` handler.
import { commentAnchor } from '@/lib/routes'
import type { ThreadComment } from '@/lib/comments/thread'
import { CommentView } from './comment-view'
import { useOwnComments } from './own-comments-store'

function PendingItem({
  comment,
  depth,
  postSlug,
}: {
  comment: ThreadComment
  depth: number
  postSlug: string
}) {
  return (
    <li id={commentAnchor(comment._id)} className={`comment comment--depth-${depth}`}>
      <CommentView node={{ ...comment, canReply: false }} postSlug={postSlug} />
    </li>
  )
}

/** Top-level comments, and replies whose parent shows no replies here (`replyableIds` are the ones that do). */
export function PendingComments({
  postId,
  postSlug,
  replyableIds,
}: {
  postId: string
  postSlug: string
  replyableIds: readonly string[]
}) {
  const shown = new Set(replyableIds)
  const own = useOwnComments(postId).filter(
    (comment) => comment.parentId === null || !shown.has(comment.parentId),
  )
  if (own.length === 0) return null
  return (
    <ol className="comment-list">
      {own.map((comment) => (
        <PendingItem key={comment._id} comment={comment} depth={1} postSlug={postSlug} />
      ))}
    </ol>
  )
}

export function PendingReplies({
  postId,
  postSlug,
  parentId,
  depth,
}: {
  postId: string
  postSlug: string
  parentId: string
  depth: number
}) {
  const own = useOwnComments(postId).filter((comment) => comment.parentId === parentId)
  if (own.length === 0) return null
  return (
    <ol className="comment-list comment-list--children">
      {own.map((comment) => (
        <PendingItem key={comment._id} comment={comment} depth={depth} postSlug={postSlug} />
      ))}
    </ol>
  )
}
