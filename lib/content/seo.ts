import 'server-only'
import type { Metadata } from 'next'
import { env } from '@/lib/config/env'
import { buildSizedImage } from '@/lib/content/images'
import type { Post } from '@/lib/content/posts'
import type { SiteInfo } from '@/lib/content/site-settings'
import { routes, toAbsoluteUrl } from '@/lib/routes'

const SHARE_IMAGE_WIDTH = 1200
const SHARE_IMAGE_ASPECT = 1200 / 630

export function buildPageMetadata(page: { title: string; description: string; path: string }): Metadata {
  return {
    title: page.title,
    description: page.description,
    alternates: { canonical: page.path },
    openGraph: { type: 'website', title: page.title, description: page.description, url: page.path },
    twitter: { card: 'summary', title: page.title, description: page.description },
  }
}

export function buildPostMetadata(post: Post): Metadata {
  const title = post.seo?.title ?? post.title
  const description = post.seo?.description ?? post.excerpt
  const path = routes.post(post.slug)
  const cover = buildSizedImage(post.coverImage, SHARE_IMAGE_WIDTH, SHARE_IMAGE_ASPECT)
  const images =
    cover === null ? [] : [{ url: cover.src, width: cover.width, height: cover.height, alt: cover.alt }]
  return {
    title,
    description,
    alternates: { canonical: path },
    authors: [{ name: post.author.name, url: routes.author(post.author.slug) }],
    openGraph: {
      type: 'article',
      title,
      description,
      url: path,
      publishedTime: post.publishedAt,
      modifiedTime: post._updatedAt,
      authors: [toAbsoluteUrl(env.siteUrl, routes.author(post.author.slug))],
      tags: (post.categories ?? []).map((category) => category.title),
      images,
    },
    twitter: { card: cover === null ? 'summary' : 'summary_large_image', title, description, images },
  }
}

export function buildBlogPostingJsonLd(post: Post, site: SiteInfo): Record<string, unknown> {
  const url = toAbsoluteUrl(env.siteUrl, routes.post(post.slug))
  const cover = buildSizedImage(post.coverImage, SHARE_IMAGE_WIDTH, SHARE_IMAGE_ASPECT)
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.seo?.description ?? post.excerpt,
    url,
    mainEntityOfPage: url,
    datePublished: post.publishedAt,
    dateModified: post._updatedAt,
    author: {
      '@type': 'Person',
      name: post.author.name,
      url: toAbsoluteUrl(env.siteUrl, routes.author(post.author.slug)),
    },
    publisher: { '@type': 'Organization', name: site.title, url: toAbsoluteUrl(env.siteUrl, routes.home()) },
    ...(cover === null ? {} : { image: [cover.src] }),
    keywords: (post.categories ?? []).map((category) => category.title).join(', '),
  }
}
