import 'server-only'
import type { CategoryPageQueryResult, CategorySlugsQueryResult } from '@/sanity/sanity.types'
import { fetchContent, toReadMode } from '@/lib/content/client'
import { buildPagination, toPageWindow, type Pagination } from '@/lib/content/pagination'
import { categoryPageQuery, categorySlugsQuery } from '@/lib/content/queries'
import { tags } from '@/lib/content/tags'

type CategoryResult = NonNullable<CategoryPageQueryResult>
export type CategoryArchive = Omit<CategoryResult, 'total'> & { pagination: Pagination }
export type CategoryLink = CategorySlugsQueryResult[number]

/** A category with one page of its posts; null for an unknown slug or a page past the end. */
export async function getCategoryArchive(
  slug: string,
  page: number,
  draft = false,
): Promise<CategoryArchive | null> {
  const result = await fetchContent(
    categoryPageQuery,
    { slug, ...toPageWindow(page) },
    toReadMode(draft, [tags.category(slug), tags.postList()]),
  )
  if (result === null) return null
  const { total, ...category } = result
  const pagination = buildPagination(total, page)
  return page > pagination.pageCount ? null : { ...category, pagination }
}

export async function listCategories(): Promise<CategoryLink[]> {
  return fetchContent(categorySlugsQuery, {}, toReadMode(false, [tags.categories()]))
}
