// RSS 2.0 and Atom 1.0 documents. Pure: callers pass absolute URLs.

export type FeedChannel = {
  title: string
  description: string
  siteUrl: string
  /** The feed's own absolute URL. */
  selfUrl: string
  updatedAt: string
}

export type FeedItem = {
  id: string
  title: string
  url: string
  summary: string
  publishedAt: string
  updatedAt: string
  author: string
  categories: readonly string[]
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids are dropped rather than escaped: no entity can represent them.
  const allowed = text.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
  return allowed.replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character)
}

const element = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`

export function buildRssFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const entries = items.map((item) =>
    [
      '<item>',
      element('title', item.title),
      element('link', item.url),
      `<guid isPermaLink="true">${escapeXml(item.url)}</guid>`,
      element('pubDate', new Date(item.publishedAt).toUTCString()),
      element('dc:creator', item.author),
      ...item.categories.map((category) => element('category', category)),
      element('description', item.summary),
      '</item>',
    ].join(''),
  )
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    element('title', channel.title),
    element('link', channel.siteUrl),
    element('description', channel.description),
    element('language', 'en'),
    element('lastBuildDate', new Date(channel.updatedAt).toUTCString()),
    `<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...entries,
    '</channel>',
    '</rss>',
  ].join('\n')
}

export function buildAtomFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const entries = items.map((item) =>
    [
      '<entry>',
      element('id', item.url),
      element('title', item.title),
      `<link rel="alternate" type="text/html" href="${escapeXml(item.url)}"/>`,
      element('published', new Date(item.publishedAt).toISOString()),
      element('updated', new Date(item.updatedAt).toISOString()),
      `<author>${element('name', item.author)}</author>`,
      ...item.categories.map((category) => `<category term="${escapeXml(category)}"/>`),
      `<summary type="text">${escapeXml(item.summary)}</summary>`,
      '</entry>',
    ].join(''),
  )
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    element('id', channel.siteUrl),
    element('title', channel.title),
    element('subtitle', channel.description),
    element('updated', new Date(channel.updatedAt).toISOString()),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(channel.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(channel.siteUrl)}"/>`,
    ...entries,
    '</feed>',
  ].join('\n')
}
