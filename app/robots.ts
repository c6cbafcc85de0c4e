import type { MetadataRoute } from 'next'
import { env } from '@/lib/config/env'
import { routes, toAbsoluteUrl } from '@/lib/routes'

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: '/api/' },
    sitemap: toAbsoluteUrl(env.siteUrl, routes.sitemap()),
  }
}
