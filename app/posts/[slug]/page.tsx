import type { Metadata } from 'next'
import { draftMode } from 'next/headers'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { formatLongDate } from '@/lib/content/dates'
import { parseSlugParam } from '@/lib/content/params'
import { getPostBySlug, listPostSlugs, listRelatedPosts } from '@/lib/content/posts'
import { buildReadingMinutes } from '@/lib/content/reading-time'
import { buildBlogPostingJsonLd, buildPostMetadata } from '@/lib/content/seo'
import { getSiteInfo } from '@/lib/content/site-settings'
import { routes } from '@/lib/routes'
import { JsonLd } from '@/app/_components/json-ld'
import { PortableBody } from '@/app/_components/portable-body'
import { PostCardList } from '@/app/_components/post-card'
import { SanityImage } from '@/app/_components/sanity-image'
import { commentMessages } from '@/lib/comments/messages'
import { countThreadComments } from '@/lib/comments/thread'
import { getCommentFormProps, listApprovedThread } from '@/lib/comments/read'
import { CommentForm } from './comment-form'
import { CommentList } from './comment-list'

// Static (ISR): nothing here reads cookies, headers or searchParams. What differs per reader (their pending
// comments, remembered details, a fresh form token) the client leaves fetch from app/api/comments/*, and
// replies have their own page (reply/[commentId]).
type Props = { params: Promise<{ slug: string }> }

export async function generateStaticParams(): Promise<Array<{ slug: string }>> {
  const slugs = await listPostSlugs()
  return slugs.map((slug) => ({ slug }))
}

async function loadPost(params: Props['params']) {
  const slug = parseSlugParam((await params).slug)
  if (slug === null) return null
  const { isEnabled } = await draftMode()
  const post = await getPostBySlug(slug, isEnabled)
  return post === null ? null : { post, draft: isEnabled }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadPost(params)
  return loaded === null ? {} : buildPostMetadata(loaded.post)
}

export default async function PostPage({ params }: Props) {
  const loaded = await loadPost(params)
  if (loaded === null) notFound()
  const { post, draft } = loaded
  const [related, site, thread, commentForm] = await Promise.all([
    listRelatedPosts(post, draft),
    getSiteInfo(),
    listApprovedThread(post._id),
    getCommentFormProps(
      { _id: post._id, slug: post.slug, publishedAt: post.publishedAt, comments: post.comments ?? null },
      null,
    ),
  ])
  const categories = post.categories ?? []

  return (
    <>
      <JsonLd data={buildBlogPostingJsonLd(post, site)} />
      <article className="post">
        <header className="post__header">
          <h1 className="post__title">{post.title}</h1>
          <p className="byline">
            By <Link href={routes.author(post.author.slug)}>{post.author.name}</Link>
            {' · '}
            <time dateTime={post.publishedAt}>{formatLongDate(post.publishedAt)}</time>
            {' · '}
            {buildReadingMinutes(post.body)} min read
            {' · '}
            <a href="#comments">{commentMessages.count(countThreadComments(thread))}</a>
          </p>
          {categories.length > 0 ? (
            <ul className="chips" role="list" aria-label="Categories">
              {categories.map((category) => (
                <li key={category._id}>
                  <Link href={routes.category(category.slug)}>{category.title}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </header>
        <SanityImage
          image={post.coverImage}
          width={1200}
          aspect={1200 / 630}
          sizes="(min-width: 48rem) 48rem, 100vw"
          className="post__cover"
          preload
        />
        <PortableBody body={post.body} />
      </article>

      <CommentList thread={thread} postId={post._id} postSlug={post.slug} />
      <CommentForm {...commentForm} />

      <section className="post-section" aria-labelledby="related-heading">
        <h2 id="related-heading">Related Posts</h2>
        {related.length > 0 ? (
          <PostCardList posts={related} headingLevel="h3" />
        ) : (
          <p className="muted">No related posts yet.</p>
        )}
      </section>
    </>
  )
}
