import { describe, expect, it } from 'vitest'
import { buildAtomFeed, buildRssFeed, escapeXml, type FeedChannel, type FeedItem } from '@/lib/content/feeds'

const channel: FeedChannel = {
  title: 'Lakeside & Friends',
  description: 'Health <notes>',
  siteUrl: 'https://example.com/',
  selfUrl: 'https://example.com/feed.xml',
  updatedAt: '2026-11-18T08:30:00Z',
}

const item: FeedItem = {
  id: 'post-a',
  title: 'Cramps: "causes" & <cures>',
  url: 'https://example.com/posts/a',
  summary: 'Why they happen.',
  publishedAt: '2026-11-18T08:30:00Z',
  updatedAt: '2026-11-19T10:00:00Z',
  author: 'Maya Chen',
  categories: ['Fitness', 'Wellbeing'],
}

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML cannot hold', () => {
    expect(escapeXml(`a & b < c > "d" 'e'`)).toBe('a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;')
    expect(escapeXml('bell\u0007 ok')).toBe('bell ok')
  })
})

describe('buildRssFeed', () => {
  const xml = buildRssFeed(channel, [item])

  it('writes an RSS 2.0 channel with a self link', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
    expect(xml).toContain('<rss version="2.0"')
    expect(xml).toContain('<title>Lakeside &amp; Friends</title>')
    expect(xml).toContain(
      '<atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/>',
    )
  })

  it('writes each post with an escaped title, permalink guid, RFC 822 date, author and categories', () => {
    expect(xml).toContain('<title>Cramps: &quot;causes&quot; &amp; &lt;cures&gt;</title>')
    expect(xml).toContain('<guid isPermaLink="true">https://example.com/posts/a</guid>')
    expect(xml).toContain('<pubDate>Wed, 18 Nov 2026 08:30:00 GMT</pubDate>')
    expect(xml).toContain('<dc:creator>Maya Chen</dc:creator>')
    expect(xml).toContain('<category>Wellbeing</category>')
  })
})

describe('buildAtomFeed', () => {
  const xml = buildAtomFeed(channel, [item])

  it('writes an Atom feed with ISO dates and an alternate link per entry', () => {
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">')
    expect(xml).toContain('<updated>2026-11-18T08:30:00.000Z</updated>')
    expect(xml).toContain('<entry><id>https://example.com/posts/a</id>')
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://example.com/posts/a"/>')
    expect(xml).toContain('<updated>2026-11-19T10:00:00.000Z</updated>')
    expect(xml).toContain('<author><name>Maya Chen</name></author>')
    expect(xml).toContain('<category term="Fitness"/>')
  })

  it('writes a valid document with no entries', () => {
    expect(buildAtomFeed(channel, [])).toContain('</feed>')
  })
})
