import Link from 'next/link'
import type { PostCard as PostCardData } from '@/lib/content/posts'
import { formatLongDate } from '@/lib/content/dates'
import { routes } from '@/lib/routes'
import { SanityImage } from '@/app/_components/sanity-image'

const CARD_ASPECT = 1200 / 630

export function PostCard({ post, headingLevel }: { post: PostCardData; headingLevel: 'h2' | 'h3' }) {
  const Heading = headingLevel
  return (
    <article className="post-card">
      <Link href={routes.post(post.slug)} className="post-card__image" tabIndex={-1} aria-hidden="true">
        <SanityImage
          image={post.coverImage}
          width={800}
          aspect={CARD_ASPECT}
          sizes="(min-width: 60rem) 30rem, 100vw"
        />
      </Link>
      <div className="post-card__body">
        <Heading className="post-card__title">
          <Link href={routes.post(post.slug)}>{post.title}</Link>
        </Heading>
        <p className="post-card__meta">
          <time dateTime={post.publishedAt}>{formatLongDate(post.publishedAt)}</time>
          {' · '}
          <Link href={routes.author(post.author.slug)}>{post.author.name}</Link>
        </p>
        <p className="post-card__excerpt">{post.excerpt}</p>
      </div>
    </article>
  )
}

export function PostCardList({ posts, headingLevel }: { posts: PostCardData[]; headingLevel: 'h2' | 'h3' }) {
  return (
    <ul className="post-list" role="list">
      {posts.map((post) => (
        <li key={post._id}>
          <PostCard post={post} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  )
}
