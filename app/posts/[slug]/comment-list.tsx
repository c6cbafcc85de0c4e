import { commentMessages as m } from '@/lib/comments/messages'
import { listCommentThread } from '@/lib/comments/read'
import { CommentItem } from './comment-item'

/** Approved comments, threaded, plus the reader's own comments awaiting moderation. Reads cookies. */
export async function CommentList({ postId, postSlug }: { postId: string; postSlug: string }) {
  const thread = await listCommentThread(postId)
  return (
    <section className="post-section comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{m.listHeading}</h2>
      {thread.length === 0 ? (
        <p className="muted">{m.noComments}</p>
      ) : (
        <ol className="comment-list">
          {thread.map((node) => (
            <CommentItem key={node._id} node={node} postSlug={postSlug} />
          ))}
        </ol>
      )}
    </section>
  )
}
