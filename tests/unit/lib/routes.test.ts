import { describe, expect, it } from 'vitest'
import { routes, toAbsoluteUrl } from '@/lib/routes'

describe('routes', () => {
  it('builds post, category and author URLs', () => {
    expect(routes.post('understanding-leg-cramps-causes-and-solutions')).toBe(
      '/posts/understanding-leg-cramps-causes-and-solutions',
    )
    expect(routes.category('fitness')).toBe('/category/fitness')
    expect(routes.author('maya-chen')).toBe('/author/maya-chen')
  })

  it('uses the archive URL for page one and /page/N after it', () => {
    expect(routes.homePage(1)).toBe('/')
    expect(routes.homePage(2)).toBe('/page/2')
    expect(routes.category('fitness', 1)).toBe('/category/fitness')
    expect(routes.category('fitness', 3)).toBe('/category/fitness/page/3')
    expect(routes.author('maya-chen', 2)).toBe('/author/maya-chen/page/2')
  })

  it('encodes characters that cannot appear in a path segment', () => {
    expect(routes.post('a/b?c')).toBe('/posts/a%2Fb%3Fc')
  })

  it('gives a reply its own page, so the article stays static', () => {
    expect(routes.postReply('leg-cramps', 'comment.abc-1')).toBe(
      '/posts/leg-cramps/reply/comment.abc-1#respond',
    )
  })

  it('builds the comment handlers the form calls with the post id in the query', () => {
    expect(routes.commentFormToken('post-leg cramps')).toBe(
      '/api/comments/form-token?postId=post-leg%20cramps',
    )
    expect(routes.ownComments('post-1')).toBe('/api/comments/mine?postId=post-1')
  })

  it('names the feeds and the sitemap', () => {
    expect([routes.rss(), routes.atom(), routes.sitemap()]).toEqual([
      '/feed.xml',
      '/atom.xml',
      '/sitemap.xml',
    ])
  })
})

describe('toAbsoluteUrl', () => {
  it('joins a path to the site URL with or without a trailing slash', () => {
    expect(toAbsoluteUrl('https://example.com', '/posts/a')).toBe('https://example.com/posts/a')
    expect(toAbsoluteUrl('https://example.com/', '/')).toBe('https://example.com/')
  })
})
