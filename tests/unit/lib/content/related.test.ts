import { describe, expect, it } from 'vitest'
import { selectRelatedPosts } from '@/lib/content/related'

type Candidate = { _id: string; publishedAt: string; categories: Array<{ _id: string }> | null }

const aPost = (id: string, day: number, categories: string[] = []): Candidate => ({
  _id: id,
  publishedAt: `2026-10-${String(day).padStart(2, '0')}T00:00:00Z`,
  categories: categories.map((category) => ({ _id: category })),
})

const ids = (posts: Candidate[]) => posts.map((post) => post._id)
const current = { _id: 'self', categoryIds: ['fitness', 'sleep'] }

describe('selectRelatedPosts', () => {
  it('puts the editor’s picks first, in the editor’s order', () => {
    const result = selectRelatedPosts({
      post: current,
      picked: [aPost('b', 1), aPost('a', 2)],
      sharingCategory: [aPost('c', 20, ['fitness'])],
      newest: [],
    })
    expect(ids(result)).toEqual(['b', 'a', 'c'])
  })

  it('fills up with posts sharing the most categories, newest first among equals', () => {
    const result = selectRelatedPosts({
      post: current,
      picked: [],
      sharingCategory: [
        aPost('one-old', 1, ['fitness']),
        aPost('two', 2, ['fitness', 'sleep']),
        aPost('one-new', 9, ['sleep']),
      ],
      newest: [],
    })
    expect(ids(result)).toEqual(['two', 'one-new', 'one-old'])
  })

  it('falls back to the newest posts when categories do not fill three places', () => {
    const result = selectRelatedPosts({
      post: current,
      picked: [],
      sharingCategory: [aPost('shared', 3, ['fitness'])],
      newest: [aPost('older', 4), aPost('newest', 28), aPost('middle', 15)],
    })
    expect(ids(result)).toEqual(['shared', 'newest', 'middle'])
  })

  it('never includes the post itself, even when an editor picked it', () => {
    const result = selectRelatedPosts({
      post: current,
      picked: [aPost('self', 1)],
      sharingCategory: [aPost('self', 1, ['fitness'])],
      newest: [aPost('self', 1), aPost('x', 2)],
    })
    expect(ids(result)).toEqual(['x'])
  })

  it('never lists a post twice', () => {
    const shared = aPost('shared', 5, ['fitness'])
    const result = selectRelatedPosts({
      post: current,
      picked: [shared],
      sharingCategory: [shared],
      newest: [shared, aPost('y', 1)],
    })
    expect(ids(result)).toEqual(['shared', 'y'])
  })

  it('skips picks whose reference no longer resolves', () => {
    const result = selectRelatedPosts({
      post: current,
      picked: [null, aPost('kept', 1)],
      sharingCategory: [],
      newest: [],
    })
    expect(ids(result)).toEqual(['kept'])
  })

  it('returns at most three posts by default, and never more than asked', () => {
    const many = Array.from({ length: 6 }, (_, index) => aPost(`p${index}`, index + 1))
    expect(selectRelatedPosts({ post: current, picked: many, sharingCategory: [], newest: [] })).toHaveLength(
      3,
    )
    expect(
      selectRelatedPosts({ post: current, picked: many, sharingCategory: [], newest: [], count: 2 }),
    ).toHaveLength(2)
  })

  it('ignores candidates that share no category with the post', () => {
    const result = selectRelatedPosts({
      post: current,
      picked: [],
      sharingCategory: [aPost('unrelated', 30, ['cooking'])],
      newest: [aPost('recent', 2)],
    })
    expect(ids(result)).toEqual(['recent'])
  })
})
