import type { Metadata } from 'next'
import { draftMode } from 'next/headers'
import { notFound } from 'next/navigation'
import { getAuthorArchive } from '@/lib/content/authors'
import { buildPageMetadata } from '@/lib/content/seo'
import { routes } from '@/lib/routes'
import { PaginationNav } from '@/app/_components/pagination-nav'
import { PostCardList } from '@/app/_components/post-card'
import { SanityImage } from '@/app/_components/sanity-image'

export async function buildAuthorMetadata(slug: string, page: number): Promise<Metadata> {
  const author = await getAuthorArchive(slug, page)
  if (author === null) return {}
  const suffix = page > 1 ? `, page ${page}` : ''
  return buildPageMetadata({
    title: `Posts by ${author.name}${suffix}`,
    description: author.bio ?? `Posts by ${author.name}.`,
    path: routes.author(slug, page),
  })
}

/** An author's posts, shared by `/author/[slug]` and its `/page/[n]` pages. */
export async function AuthorArchive({ slug, page }: { slug: string; page: number }) {
  const { isEnabled } = await draftMode()
  const author = await getAuthorArchive(slug, page, isEnabled)
  if (author === null) notFound()
  return (
    <>
      <header className="archive-header archive-header--author">
        <SanityImage image={author.picture} width={160} aspect={1} sizes="80px" className="avatar" />
        <div>
          <p className="eyebrow">Author</p>
          <h1 className="page-title">{author.name}</h1>
          {author.bio ? <p className="lede">{author.bio}</p> : null}
        </div>
      </header>
      <PostCardList posts={author.posts} headingLevel="h2" />
      <PaginationNav pagination={author.pagination} hrefFor={(n) => routes.author(slug, n)} />
    </>
  )
}
