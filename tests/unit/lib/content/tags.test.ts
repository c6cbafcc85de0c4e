import { describe, expect, it } from 'vitest'
import {
  buildRevalidationTags,
  contentChangeSchema,
  REVALIDATING_TYPES,
  REVALIDATION_PROFILE,
  tags,
} from '@/lib/content/tags'

const change = (body: unknown) => contentChangeSchema.parse(body)

describe('buildRevalidationTags', () => {
  it('expires a post page, every post list, and the posts that hand-pick it', () => {
    const result = buildRevalidationTags(change({ _id: 'post-a', _type: 'post', slug: 'a' }), ['b', 'c'])
    expect(result.sort()).toEqual([tags.post('a'), tags.post('b'), tags.post('c'), tags.postList()].sort())
  })

  it('expires the old URL too when a post’s slug changes', () => {
    const result = buildRevalidationTags(
      change({ _id: 'post-a', _type: 'post', slug: 'new', previousSlug: 'old' }),
    )
    expect(result).toContain(tags.post('new'))
    expect(result).toContain(tags.post('old'))
  })

  it('expires an author’s archive, bylines and lists when an author changes', () => {
    const result = buildRevalidationTags(change({ _id: 'author-x', _type: 'author', slug: { current: 'x' } }))
    expect(result.sort()).toEqual([tags.author('x'), tags.authors(), tags.postList()].sort())
  })

  it('expires a category’s archive, category chips and lists when a category changes', () => {
    const result = buildRevalidationTags(change({ _id: 'category-y', _type: 'category', slug: 'y' }))
    expect(result.sort()).toEqual([tags.category('y'), tags.categories(), tags.postList()].sort())
  })

  it('expires the site settings on their own', () => {
    expect(buildRevalidationTags(change({ _id: 'siteSettings', _type: 'siteSettings' }))).toEqual([
      tags.siteSettings(),
    ])
  })

  it('expires the comment list of the post a comment belongs to', () => {
    expect(buildRevalidationTags(change({ _id: 'comment.1', _type: 'comment', postId: 'post-a' }))).toEqual([
      tags.postComments('post-a'),
    ])
  })

  it('changes nothing for drafts, versions, comments without a post and unknown types', () => {
    expect(buildRevalidationTags(change({ _id: 'drafts.post-a', _type: 'post', slug: 'a' }), ['b'])).toEqual(
      [],
    )
    expect(buildRevalidationTags(change({ _id: 'versions.r1.post-a', _type: 'post', slug: 'a' }))).toEqual([])
    expect(buildRevalidationTags(change({ _id: 'c1', _type: 'comment' }))).toEqual([])
    expect(buildRevalidationTags(change({ _id: 'image-1', _type: 'sanity.imageAsset' }))).toEqual([])
  })

  it('lists each tag once', () => {
    const result = buildRevalidationTags(
      change({ _id: 'post-a', _type: 'post', slug: 'a', previousSlug: 'a' }),
      ['a'],
    )
    expect(result).toEqual([...new Set(result)])
  })
})

describe('contentChangeSchema', () => {
  it('treats empty and null slugs as absent', () => {
    expect(change({ _id: 'p', _type: 'post', slug: '', previousSlug: null })).toEqual({
      _id: 'p',
      _type: 'post',
      slug: undefined,
      previousSlug: undefined,
    })
  })

  it('rejects a body without an id or type', () => {
    expect(contentChangeSchema.safeParse({ _type: 'post' }).success).toBe(false)
    expect(contentChangeSchema.safeParse('post').success).toBe(false)
  })
})

describe('REVALIDATION_PROFILE', () => {
  it('expires tagged data at once so the next visitor never sees the old version', () => {
    expect(REVALIDATION_PROFILE).toEqual({ expire: 0 })
  })
})

describe('REVALIDATING_TYPES', () => {
  it('names exactly the published types that revalidate something, which the webhook then watches', () => {
    for (const type of REVALIDATING_TYPES)
      expect(buildRevalidationTags(change({ _id: `${type}-1`, _type: type, slug: 'some-slug' }))).not.toEqual(
        [],
      )
    expect(buildRevalidationTags(change({ _id: 'image-1', _type: 'sanity.imageAsset' }))).toEqual([])
  })
})
