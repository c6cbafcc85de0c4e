import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { connection } from 'next/server'
import { parseSlugParam } from '@/lib/content/params'
import { getPostBySlug } from '@/lib/content/posts'
import { parseCommentIdParam } from '@/lib/comments/input'
import { commentMessages as m } from '@/lib/comments/messages'
import { getCommentFormProps, listApprovedThread } from '@/lib/comments/read'
import { findReplyTarget } from '@/lib/comments/thread'
import { routes } from '@/lib/routes'
import { CommentForm } from '../../comment-form'
import { CommentItem } from '../../comment-item'

type Props = { params: Promise<{ slug: string; commentId: string }> }

// One URL per comment showing the same form: keep them out of search results.
export const metadata: Metadata = { title: m.heading, robots: { index: false, follow: true } }

export default async function ReplyPage({ params }: Props) {
  // Per request, unlike the article: a reader without JavaScript gets a form token issued when they asked.
  await connection()
  const { slug: rawSlug, commentId: rawCommentId } = await params
  const slug = parseSlugParam(rawSlug)
  const commentId = parseCommentIdParam(rawCommentId)
  if (slug === null || commentId === null) notFound()
  const post = await getPostBySlug(slug)
  if (post === null) notFound()
  const target = findReplyTarget(await listApprovedThread(post._id), commentId)
  // Trashed since, still pending, or too deep to answer: the article's own form starts a new thread.
  if (target === null) redirect(`${routes.post(post.slug)}#respond`)
  const commentForm = await getCommentFormProps(
    { _id: post._id, slug: post.slug, publishedAt: post.publishedAt, comments: post.comments ?? null },
    target,
  )

  return (
    <>
      <header className="post__header">
        <h1 className="post__title">
          <Link href={routes.post(post.slug)}>{post.title}</Link>
        </h1>
      </header>
      <section className="post-section comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading">{m.replyingTo}</h2>
        <ol className="comment-list">
          <CommentItem
            node={{ ...target, replies: [] }}
            postId={post._id}
            postSlug={post.slug}
            offerReply={false}
          />
        </ol>
      </section>
      <CommentForm {...commentForm} />
    </>
  )
}
