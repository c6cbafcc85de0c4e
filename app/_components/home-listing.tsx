import { notFound } from 'next/navigation'
import { getPostPage } from '@/lib/content/posts'
import { routes } from '@/lib/routes'
import { PaginationNav } from '@/app/_components/pagination-nav'
import { PostCardList } from '@/app/_components/post-card'

/** The newest posts, shared by `/` and `/page/[n]`. */
export async function HomeListing({ page, draft }: { page: number; draft: boolean }) {
  const result = await getPostPage(page, draft)
  if (result === null) notFound()
  return (
    <>
      <h1 className="page-title">{page === 1 ? 'Latest posts' : `Latest posts, page ${page}`}</h1>
      <PostCardList posts={result.posts} headingLevel="h2" />
      <PaginationNav pagination={result.pagination} hrefFor={routes.homePage} />
    </>
  )
}
