import { describe, expect, it } from 'vitest'
import { routes, toAbsoluteUrl, toLakeStudioUrl } from '@/lib/routes'

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

describe('toLakeStudioUrl', () => {
  const base = 'https://lakeside.localhost:4646/studio/'

  it('keeps the Studio’s pane separators that Next hands over encoded', () => {
    // As Next passes `/studio/structure/comment;comment.abc` to the catch-all.
    expect(toLakeStudioUrl(base, ['structure', 'comment%3Bcomment.abc'])).toBe(
      'https://lakeside.localhost:4646/studio/structure/comment;comment.abc',
    )
    expect(toLakeStudioUrl(base, ['structure', 'post%3Bpost-1%2Cview%3Dpreview%7Cauthor'])).toBe(
      'https://lakeside.localhost:4646/studio/structure/post;post-1,view=preview|author',
    )
  })

  it('leads to the same place whether a segment arrives encoded or not', () => {
    expect(toLakeStudioUrl(base, ['structure', 'comment;comment.abc'])).toBe(
      toLakeStudioUrl(base, ['structure', 'comment%3Bcomment.abc']),
    )
    expect(toLakeStudioUrl(base, ['structure', 'caf%C3%A9'])).toBe(
      toLakeStudioUrl(base, ['structure', 'café']),
    )
  })

  it('encodes each segment once, so no segment reaches into another', () => {
    expect(toLakeStudioUrl(base, ['structure', 'a%2Fb', '50%25', '100%'])).toBe(
      'https://lakeside.localhost:4646/studio/structure/a%2Fb/50%25/100%25',
    )
  })

  it('leads to the Studio’s start without a path', () => {
    expect(toLakeStudioUrl(base, [])).toBe('https://lakeside.localhost:4646/studio/')
  })
})
