import Link from 'next/link'
import { listPageNumbers, type Pagination } from '@/lib/content/pagination'

export function PaginationNav({
  pagination,
  hrefFor,
}: {
  pagination: Pagination
  hrefFor: (page: number) => string
}) {
  if (pagination.pageCount <= 1) return null
  return (
    <nav className="pagination" aria-label="Pagination">
      {pagination.hasPrevious ? (
        <Link href={hrefFor(pagination.page - 1)} rel="prev">
          ← Newer posts
        </Link>
      ) : null}
      <ol role="list">
        {listPageNumbers(pagination.pageCount).map((page) => (
          <li key={page}>
            {page === pagination.page ? (
              <span aria-current="page">{page}</span>
            ) : (
              <Link href={hrefFor(page)} aria-label={`Page ${page}`}>
                {page}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {pagination.hasNext ? (
        <Link href={hrefFor(pagination.page + 1)} rel="next">
          Older posts →
        </Link>
      ) : null}
    </nav>
  )
}
