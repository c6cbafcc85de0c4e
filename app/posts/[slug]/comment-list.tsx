import { commentMessages as m } from '@/lib/comments/messages'
import { listReplyableIds, type ThreadNode } from '@/lib/comments/thread'
import { CommentItem } from './comment-item'
import { PendingComments } from './pending-comments'

/** Approved comments, threaded, and (in the browser) the reader's own comments awaiting moderation. */
export function CommentList({
  thread,
  postId,
  postSlug,
}: {
  thread: ThreadNode[]
  postId: string
  postSlug: string
}) {
  return (
    <section className="post-section comments" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{m.listHeading}</h2>
      {thread.length === 0 ? (
        <p className="muted">{m.noComments}</p>
      ) : (
        <ol className="comment-list">
          {thread.map((node) => (
            <CommentItem key={node._id} node={node} postId={postId} postSlug={postSlug} />
          ))}
        </ol>
      )}
      <PendingComments postId={postId} postSlug={postSlug} replyableIds={listReplyableIds(thread)} />
    </section>
  )
}
