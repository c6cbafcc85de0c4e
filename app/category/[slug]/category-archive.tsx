import type { Metadata } from 'next'
import { draftMode } from 'next/headers'
import { notFound } from 'next/navigation'
import { getCategoryArchive } from '@/lib/content/categories'
import { buildPageMetadata } from '@/lib/content/seo'
import { routes } from '@/lib/routes'
import { PaginationNav } from '@/app/_components/pagination-nav'
import { PostCardList } from '@/app/_components/post-card'

export async function buildCategoryMetadata(slug: string, page: number): Promise<Metadata> {
  const category = await getCategoryArchive(slug, page)
  if (category === null) return {}
  const suffix = page > 1 ? `, page ${page}` : ''
  return buildPageMetadata({
    title: `${category.title}${suffix}`,
    description: category.description ?? `Posts about ${category.title}.`,
    path: routes.category(slug, page),
  })
}

/** A category's posts, shared by `/category/[slug]` and its `/page/[n]` pages. */
export async function CategoryArchive({ slug, page }: { slug: string; page: number }) {
  const { isEnabled } = await draftMode()
  const category = await getCategoryArchive(slug, page, isEnabled)
  if (category === null) notFound()
  return (
    <>
      <header className="archive-header">
        <p className="eyebrow">Category</p>
        <h1 className="page-title">{category.title}</h1>
        {category.description ? <p className="lede">{category.description}</p> : null}
      </header>
      <PostCardList posts={category.posts} headingLevel="h2" />
      <PaginationNav pagination={category.pagination} hrefFor={(n) => routes.category(slug, n)} />
    </>
  )
}
