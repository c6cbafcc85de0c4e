// One comment without its replies. Pure rendering (no data access, no hooks), so the server-rendered thread and
// the client leaves that show the reader's own pending comments share it.
import Link from 'next/link'
import { commentMessages as m } from '@/lib/comments/messages'
import { isLinkableWebsite, type ThreadNode } from '@/lib/comments/thread'
import { formatLongDateTime } from '@/lib/content/dates'
import { commentAnchor, routes } from '@/lib/routes'
import { CommentText } from '@/app/_components/comment-text'

type Props = {
  node: Pick<ThreadNode, '_id' | 'name' | 'website' | 'body' | 'createdAt' | 'pending' | 'canReply'>
  postSlug: string
  /** `false` on the reply page, which already answers this comment. */
  offerReply?: boolean
}

export function CommentView({ node, postSlug, offerReply = true }: Props) {
  const anchor = commentAnchor(node._id)
  return (
    <article aria-labelledby={`${anchor}-author`}>
      <p className="comment__meta">
        <b id={`${anchor}-author`} className="comment__author">
          {isLinkableWebsite(node.website) ? (
            <a href={node.website} rel="nofollow ugc noopener">
              {node.name}
            </a>
          ) : (
            node.name
          )}
        </b>{' '}
        <span className="comment__says">{m.says}</span>{' '}
        <a href={`#${anchor}`} className="comment__permalink">
          <time dateTime={node.createdAt}>{formatLongDateTime(node.createdAt)}</time>
        </a>
      </p>
      {node.pending ? (
        <p className="comment__awaiting">
          <em>{m.awaitingModeration}</em>
        </p>
      ) : null}
      <div className="comment__body">
        <CommentText body={node.body} />
      </div>
      {node.canReply && offerReply ? (
        <p className="comment__reply">
          {/* The reply page is rendered per request: no prefetch for every comment in view. */}
          <Link
            href={routes.postReply(postSlug, node._id)}
            prefetch={false}
            aria-label={m.replyTo(node.name)}
          >
            {m.reply}
          </Link>
        </p>
      ) : null}
    </article>
  )
}
