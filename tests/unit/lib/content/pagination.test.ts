import { describe, expect, it } from 'vitest'
import { buildPagination, listPageNumbers, parsePageParam, toPageWindow } from '@/lib/content/pagination'

describe('toPageWindow', () => {
  it('slices pages from zero', () => {
    expect(toPageWindow(1, 6)).toEqual({ start: 0, end: 6 })
    expect(toPageWindow(3, 6)).toEqual({ start: 12, end: 18 })
  })
})

describe('buildPagination', () => {
  it('counts pages and knows its neighbours', () => {
    expect(buildPagination(13, 2, 6)).toEqual({ page: 2, pageCount: 3, hasPrevious: true, hasNext: true })
  })

  it('keeps one page for an empty list', () => {
    expect(buildPagination(0, 1, 6)).toEqual({ page: 1, pageCount: 1, hasPrevious: false, hasNext: false })
  })
})

describe('parsePageParam', () => {
  it('accepts page numbers from two up', () => {
    expect(parsePageParam('2')).toBe(2)
    expect(parsePageParam('15')).toBe(15)
  })

  it('rejects page one (its URL is the archive itself) and anything not a plain number', () => {
    for (const value of ['1', '0', '02', '-3', '2.5', 'two', '', '1e3', '9999999']) {
      expect(parsePageParam(value)).toBeNull()
    }
  })
})

describe('listPageNumbers', () => {
  it('lists every page from one', () => {
    expect(listPageNumbers(3)).toEqual([1, 2, 3])
  })
})
