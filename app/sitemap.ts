import type { MetadataRoute } from 'next'
import { env } from '@/lib/config/env'
import { getSitemapEntries } from '@/lib/content/posts'
import { routes, toAbsoluteUrl } from '@/lib/routes'

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const { posts, categories, authors } = await getSitemapEntries()
  const entry = (path: string, lastModified?: string) => ({
    url: toAbsoluteUrl(env.siteUrl, path),
    lastModified,
  })
  return [
    entry(routes.home(), posts[0]?._updatedAt),
    ...posts.map((post) => entry(routes.post(post.slug), post._updatedAt)),
    ...categories.map((category) => entry(routes.category(category.slug), category._updatedAt)),
    ...authors.map((author) => entry(routes.author(author.slug), author._updatedAt)),
  ]
}
