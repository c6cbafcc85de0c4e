import type { Metadata } from 'next'
import { z } from 'zod'
import { getModerationDeps } from '@/lib/comments/deps'
import { commentMessages } from '@/lib/comments/messages'
import { getModerationRequest, type ModerationRequest } from '@/lib/comments/moderate'
import { assertNever } from '@/lib/assert-never'
import { formatLongDateTime } from '@/lib/content/dates'
import { routes } from '@/lib/routes'
import { CommentText } from '@/app/_components/comment-text'
import { moderateCommentAction } from './actions'

const m = commentMessages.moderation

// Moderation links are private: keep them out of search engines and the Referer of outgoing links.
export const metadata: Metadata = {
  title: m.title,
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
}

const searchSchema = z.object({ outcome: z.enum(['conflict', 'unavailable']).optional().catch(undefined) })

type Props = {
  params: Promise<{ token: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export default async function ModeratePage({ params, searchParams }: Props) {
  const { token } = await params
  const { outcome } = searchSchema.parse(await searchParams)
  const request = await getModerationRequest(token, getModerationDeps())
  return (
    <div className="moderate">
      <h1>{m.title}</h1>
      {outcome === undefined ? null : (
        <p role="status" className="notice">
          {outcome === 'conflict' ? m.conflict : m.storeUnavailable}
        </p>
      )}
      {request.ok ? (
        <Confirmation token={token} request={request} />
      ) : (
        <p role="status">{toRefusalText(request)}</p>
      )}
    </div>
  )
}

function Confirmation({
  token,
  request,
}: {
  token: string
  request: Extract<ModerationRequest, { ok: true }>
}) {
  const { comment, post, action } = request
  return (
    <>
      {post === null ? null : (
        <p>
          {m.onPost} <a href={routes.post(post.slug)}>{post.title}</a>
        </p>
      )}
      <figure className="moderate__comment">
        <blockquote>
          <CommentText body={comment.body} />
        </blockquote>
        <figcaption>
          {comment.name}
          {comment.website === null ? null : ` (${comment.website})`},{' '}
          <time dateTime={comment.createdAt}>{formatLongDateTime(comment.createdAt)}</time>
        </figcaption>
      </figure>
      <form action={moderateCommentAction.bind(null, token)}>
        <button type="submit" className="button">
          {m.confirm[action]}
        </button>
      </form>
    </>
  )
}

function toRefusalText(refusal: Exclude<ModerationRequest, { ok: true }>): string {
  switch (refusal.reason) {
    case 'invalid-link':
      return m.invalidLink
    case 'expired-link':
      return m.expiredLink
    case 'used-link':
      return m.usedLink
    case 'comment-gone':
      return m.commentGone
    case 'already-decided':
      return refusal.byThisLink
        ? m.doneAt(refusal.status, refusal.at)
        : m.alreadyDecided(refusal.status, refusal.at)
    default:
      return assertNever(refusal)
  }
}
