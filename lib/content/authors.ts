import 'server-only'
import type { AuthorPageQueryResult } from '@/sanity/sanity.types'
import { fetchContent, toReadMode } from '@/lib/content/client'
import { buildPagination, toPageWindow, type Pagination } from '@/lib/content/pagination'
import { authorPageQuery, authorSlugsQuery } from '@/lib/content/queries'
import { tags } from '@/lib/content/tags'

type AuthorResult = NonNullable<AuthorPageQueryResult>
export type AuthorArchive = Omit<AuthorResult, 'total'> & { pagination: Pagination }

/** An author with one page of their posts; null for an unknown slug or a page past the end. */
export async function getAuthorArchive(
  slug: string,
  page: number,
  draft = false,
): Promise<AuthorArchive | null> {
  const result = await fetchContent(
    authorPageQuery,
    { slug, ...toPageWindow(page) },
    toReadMode(draft, [tags.author(slug), tags.postList()]),
  )
  if (result === null) return null
  const { total, ...author } = result
  const pagination = buildPagination(total, page)
  return page > pagination.pageCount ? null : { ...author, pagination }
}

export async function listAuthorSlugs(): Promise<string[]> {
  const rows = await fetchContent(authorSlugsQuery, {}, toReadMode(false, [tags.authors()]))
  return rows.map((row) => row.slug)
}
