// One comment and its replies. Pure rendering (no data access), so tests can render it on its own.
import Link from 'next/link'
import { Fragment } from 'react'
import { commentMessages as m } from '@/lib/comments/messages'
import { isLinkableWebsite, toParagraphs, type ThreadNode } from '@/lib/comments/thread'
import { commentAnchor, routes } from '@/lib/routes'

const COMMENT_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
})

export function CommentItem({ node, postSlug }: { node: ThreadNode; postSlug: string }) {
  const anchor = commentAnchor(node._id)
  return (
    <li id={anchor} className={`comment comment--depth-${node.depth}`}>
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
            <time dateTime={node.createdAt}>{COMMENT_TIME.format(new Date(node.createdAt))}</time>
          </a>
        </p>
        {node.pending ? (
          <p className="comment__awaiting">
            <em>{m.awaitingModeration}</em>
          </p>
        ) : null}
        <div className="comment__body">
          {toParagraphs(node.body).map((lines, paragraph) => (
            <p key={paragraph}>
              {lines.map((line, index) => (
                <Fragment key={index}>
                  {index > 0 ? <br /> : null}
                  {line}
                </Fragment>
              ))}
            </p>
          ))}
        </div>
        {node.canReply ? (
          <p className="comment__reply">
            <Link href={routes.postReply(postSlug, node._id)} aria-label={m.replyTo(node.name)}>
              {m.reply}
            </Link>
          </p>
        ) : null}
      </article>
      {node.replies.length > 0 ? (
        <ol className="comment-list comment-list--children">
          {node.replies.map((reply) => (
            <CommentItem key={reply._id} node={reply} postSlug={postSlug} />
          ))}
        </ol>
      ) : null}
    </li>
  )
}
