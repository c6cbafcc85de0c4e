// One approved comment and its replies, plus a slot for the reader's own replies awaiting moderation.
import { commentAnchor } from '@/lib/routes'
import type { ThreadNode } from '@/lib/comments/thread'
import { CommentView } from './comment-view'
import { PendingReplies } from './pending-comments'

type Props = { node: ThreadNode; postId: string; postSlug: string; offerReply?: boolean }

export function CommentItem({ node, postId, postSlug, offerReply = true }: Props) {
  return (
    <li id={commentAnchor(node._id)} className={`comment comment--depth-${node.depth}`}>
      <CommentView node={node} postSlug={postSlug} offerReply={offerReply} />
      {node.replies.length > 0 ? (
        <ol className="comment-list comment-list--children">
          {node.replies.map((reply) => (
            <CommentItem key={reply._id} node={reply} postId={postId} postSlug={postSlug} />
          ))}
        </ol>
      ) : null}
      {node.canReply ? (
        <PendingReplies postId={postId} postSlug={postSlug} parentId={node._id} depth={node.depth + 1} />
      ) : null}
    </li>
  )
}
