import 'server-only'
import { env } from '@/lib/config/env'
import { buildAtomFeed, buildRssFeed, type FeedItem } from '@/lib/content/feeds'
import { listFeedPosts } from '@/lib/content/posts'
import { getSiteInfo } from '@/lib/content/site-settings'
import { routes, toAbsoluteUrl } from '@/lib/routes'

export type FeedFormat = 'rss' | 'atom'

/** The site's newest posts as an RSS 2.0 or Atom document. */
export async function getSiteFeed(format: FeedFormat): Promise<string> {
  const [site, posts] = await Promise.all([getSiteInfo(), listFeedPosts()])
  const items: FeedItem[] = posts.map((post) => ({
    id: post._id,
    title: post.title,
    url: toAbsoluteUrl(env.siteUrl, routes.post(post.slug)),
    summary: post.excerpt,
    publishedAt: post.publishedAt,
    updatedAt: post._updatedAt,
    author: post.author.name,
    categories: post.categories ?? [],
  }))
  const channel = {
    title: site.title,
    description: site.description,
    siteUrl: toAbsoluteUrl(env.siteUrl, routes.home()),
    selfUrl: toAbsoluteUrl(env.siteUrl, format === 'rss' ? routes.rss() : routes.atom()),
    updatedAt: items.reduce(
      (latest, item) => (item.updatedAt > latest ? item.updatedAt : latest),
      '1970-01-01T00:00:00Z',
    ),
  }
  return format === 'rss' ? buildRssFeed(channel, items) : buildAtomFeed(channel, items)
}
