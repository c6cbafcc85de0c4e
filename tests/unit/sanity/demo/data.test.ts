import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { MODERATION_SETTINGS_ID } from '@/lib/content/limits'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const DATA_FILE = join(ROOT, 'sanity/demo/data.ndjson')
const SEED_FILE = join(ROOT, 'tests/fixtures/content/seed-article.txt')
const SEED_POST_ID = 'post-understanding-leg-cramps'

const documentSchema = z.looseObject({ _id: z.string().min(1), _type: z.string().min(1) })
const spanSchema = z.object({ _type: z.literal('span'), text: z.string(), marks: z.array(z.string()) })
const blockSchema = z.looseObject({
  _type: z.string(),
  style: z.string().optional(),
  listItem: z.string().optional(),
  children: z.array(spanSchema).optional(),
})
const postSchema = z.looseObject({
  _id: z.string(),
  title: z.string(),
  slug: z.object({ current: z.string() }),
  excerpt: z.string().min(1),
  publishedAt: z.iso.datetime(),
  coverImage: z.looseObject({ alt: z.string().min(1), _sanityAsset: z.string() }),
  author: z.object({ _ref: z.string() }),
  categories: z.array(z.object({ _ref: z.string(), _key: z.string() })).min(1),
  relatedPosts: z.array(z.object({ _ref: z.string(), _key: z.string() })),
  body: z.array(blockSchema),
})

const documents = readFileSync(DATA_FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => documentSchema.parse(JSON.parse(line)))
const byId = new Map(documents.map((document) => [document._id, document]))
const posts = documents
  .filter((document) => document._type === 'post')
  .map((document) => postSchema.parse(document))

function collect(value: unknown, key: string, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collect(item, key, found))
  else if (value !== null && typeof value === 'object') {
    for (const [name, child] of Object.entries(value)) {
      if (name === key && typeof child === 'string') found.push(child)
      else collect(child, key, found)
    }
  }
  return found
}

const plainText = (block: z.infer<typeof blockSchema>) =>
  (block.children ?? []).map((span) => span.text).join('')

function readSeed() {
  const lines = readFileSync(SEED_FILE, 'utf8')
    .split('\n')
    .map((line) => line.trim())
  const [title = '', ...rest] = lines.filter((line) => line !== '')
  const article = rest.slice(0, rest.indexOf('Leave a Reply'))
  const bullets = article.filter((line) => line.startsWith('•')).map((line) => line.replace(/^•\s*/, ''))
  const paragraphs = article.filter((line) => !line.startsWith('•'))
  return {
    title,
    bullets,
    headings: paragraphs.filter((line) => !/[.:]$/.test(line)),
    paragraphs: paragraphs.filter((line) => /[.:]$/.test(line)),
  }
}

describe('demo data', () => {
  it('has unique ids and unique slugs per type', () => {
    expect(byId.size).toBe(documents.length)
    for (const type of ['post', 'author', 'category']) {
      const slugs = collect(
        documents.filter((document) => document._type === type).map((document) => document.slug),
        'current',
      )
      expect(new Set(slugs).size).toBe(slugs.length)
    }
  })

  it('resolves every reference to a document in the file', () => {
    const unresolved = collect(documents, '_ref').filter((ref) => !byId.has(ref))
    expect(unresolved).toEqual([])
  })

  it('ships every image it points at, as a file next to data.ndjson', () => {
    const assets = collect(documents, '_sanityAsset')
    expect(assets.length).toBeGreaterThan(posts.length)
    for (const asset of assets) {
      const path = asset.replace(/^image@file:\/\//, '')
      expect(existsSync(join(dirname(DATA_FILE), path)), path).toBe(true)
    }
  })

  it('has the seed post plus at least eight more, across three categories and two authors', () => {
    expect(posts.length).toBeGreaterThanOrEqual(9)
    expect(new Set(posts.flatMap((post) => post.categories.map((category) => category._ref))).size).toBe(3)
    expect(new Set(posts.map((post) => post.author._ref)).size).toBe(2)
    expect(new Set(posts.map((post) => post.publishedAt.slice(0, 7))).size).toBeGreaterThanOrEqual(4)
  })

  it('keeps the moderators and word lists out of the public site settings, in a document only a token reads', () => {
    const site = byId.get('siteSettings')
    expect(site).toBeDefined()
    expect(Object.keys(site ?? {}).sort()).toEqual(['_id', '_type', 'description', 'title'])
    const moderation = byId.get(MODERATION_SETTINGS_ID)
    expect(moderation).toMatchObject({
      _type: 'moderationSettings',
      moderatorEmails: ['moderator@lakeside.test'],
      commentPolicy: { disallowedWords: ['viagra'] },
    })
    expect(MODERATION_SETTINGS_ID).toContain('.')
  })

  it('curates related posts that are other posts, each once', () => {
    for (const post of posts) {
      const related = post.relatedPosts.map((reference) => reference._ref)
      expect(related).not.toContain(post._id)
      expect(new Set(related).size).toBe(related.length)
      for (const id of related) expect(byId.get(id)?._type).toBe('post')
    }
  })
})

describe('the seed post', () => {
  const seed = readSeed()
  const post = posts.find((candidate) => candidate._id === SEED_POST_ID)
  const body = post?.body ?? []

  it('keeps its id, title and slug', () => {
    expect(post?.title).toBe(seed.title)
    expect(post?.slug.current).toBe('understanding-leg-cramps-causes-and-solutions')
  })

  it('has both headings of the seed text as h2', () => {
    expect(seed.headings).toHaveLength(2)
    const headings = body.filter((block) => block.style === 'h2').map(plainText)
    expect(headings).toEqual(seed.headings)
  })

  it('has every bullet as a bullet list item with the words before the colon in bold', () => {
    expect(seed.bullets).toHaveLength(10)
    const items = body.filter((block) => block.listItem === 'bullet')
    expect(items.map(plainText)).toEqual(seed.bullets)
    for (const item of items) {
      const [lead] = item.children ?? []
      expect(lead?.marks).toEqual(['strong'])
      expect(lead?.text.endsWith(':')).toBe(true)
    }
  })

  it('has every paragraph, including the closing one, in order', () => {
    const paragraphs = body
      .filter((block) => block.style === 'normal' && block.listItem === undefined)
      .map(plainText)
    expect(paragraphs).toEqual(seed.paragraphs)
    expect(paragraphs.at(-1)).toMatch(/^leg cramps can be a frustrating and painful experience/)
  })
})
