import { POSTS_PER_PAGE } from './limits.ts'

export type PageWindow = { start: number; end: number }
export type Pagination = { page: number; pageCount: number; hasPrevious: boolean; hasNext: boolean }

/** GROQ slice bounds for a 1-based page number. */
export function toPageWindow(page: number, perPage = POSTS_PER_PAGE): PageWindow {
  const start = (page - 1) * perPage
  return { start, end: start + perPage }
}

export function buildPagination(total: number, page: number, perPage = POSTS_PER_PAGE): Pagination {
  const pageCount = Math.max(1, Math.ceil(total / perPage))
  return { page, pageCount, hasPrevious: page > 1, hasNext: page < pageCount }
}

/** Pages 2 and up live under /page/N; page 1 is the archive's own URL, so "1" is not a valid segment. */
export function parsePageParam(value: string): number | null {
  if (!/^[1-9][0-9]{0,5}$/.test(value)) return null
  const page = Number(value)
  return page >= 2 ? page : null
}

export function listPageNumbers(pageCount: number): number[] {
  return Array.from({ length: pageCount }, (_, index) => index + 1)
}
