// Builds data.ndjson from articles/*.md: run `node sanity/demo/generate-data.ts` after editing an article.
// Articles are Markdown with a small front matter; the body supports ## to ####, -, 1., >, **, *, [](), ![alt](image).
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { MODERATION_SETTINGS_ID } from '../../lib/content/limits.ts'
import { toSlug } from '../../lib/content/slug.ts'

const DEMO_DIR = import.meta.dirname
const ARTICLES_DIR = join(DEMO_DIR, 'articles')
const OUTPUT = join(DEMO_DIR, 'data.ndjson')

// As `sanity dataset export` writes it: the pointer sits on the image object and import turns it into `asset`.
const imageField = (name: string, alt: string) => ({
  _type: 'image',
  _sanityAsset: `image@file://./images/${name}.jpg`,
  alt,
})

const authors = [
  {
    _id: 'author-maya-chen',
    _type: 'author',
    name: 'Maya Chen',
    slug: { _type: 'slug', current: 'maya-chen' },
    bio: 'Maya is a physiotherapist and running coach who writes about moving well, recovering well and staying injury-free.',
    picture: imageField('author-maya-chen', 'Abstract portrait tile in teal and coral for Maya Chen'),
  },
  {
    _id: 'author-daniel-okafor',
    _type: 'author',
    name: 'Daniel Okafor',
    slug: { _type: 'slug', current: 'daniel-okafor' },
    bio: 'Daniel is a registered nutritionist with a soft spot for sleep science, simple meals and strength training.',
    picture: imageField(
      'author-daniel-okafor',
      'Abstract portrait tile in indigo and amber for Daniel Okafor',
    ),
  },
]

const categories = [
  ['category-fitness', 'Fitness', 'Training, movement and recovery for every level.'],
  ['category-nutrition', 'Nutrition', 'Eating well without the fuss: foods, hydration and habits.'],
  [
    'category-wellbeing',
    'Wellbeing',
    'Sleep, stress and the everyday habits that keep body and mind in balance.',
  ],
].map(([_id, title, description]) => ({
  _id,
  _type: 'category',
  title,
  slug: { _type: 'slug', current: toSlug(String(title)) },
  description,
}))

const siteSettings = {
  _id: 'siteSettings',
  _type: 'siteSettings',
  title: 'Lakeside Health',
  description: 'Practical, evidence-minded articles on fitness, nutrition and wellbeing.',
}

// Private (a dotted id): only token-bearing clients read the moderators and word lists.
const moderationSettings = {
  _id: MODERATION_SETTINGS_ID,
  _type: 'moderationSettings',
  moderatorEmails: ['moderator@lakeside.test'],
  commentPolicy: {
    _type: 'commentPolicy',
    moderationWords: ['casino', 'crypto', 'loan'],
    disallowedWords: ['viagra'],
    maxLinks: 2,
    rateLimitPerMinute: 3,
    rateLimitPerHour: 20,
    autoCloseDays: 30,
  },
}

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')

const frontMatterSchema = z.object({
  id: z.string().regex(/^post-[a-z0-9-]+$/),
  title: z.string().min(1),
  slug: z.string().optional(),
  excerpt: z.string().min(1),
  author: z.string(),
  categories: z.string().transform(list),
  publishedAt: z.iso.datetime(),
  cover: z.string(),
  coverAlt: z.string().min(1),
  related: z.string().transform(list).default([]),
  seoTitle: z.string().optional(),
  seoDescription: z.string().optional(),
  comments: z.string().regex(/^(open|closed|autoClose(:\d+)?)$/),
})

function parseArticle(source: string) {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source)
  if (match === null) throw new Error('An article needs a front matter block between --- lines')
  const fields = Object.fromEntries(
    (match[1] ?? '').split('\n').map((line) => {
      const colon = line.indexOf(':')
      const value = line.slice(colon + 1).trim()
      return [line.slice(0, colon).trim(), value.replace(/^(["'])(.*)\1$/, '$2')]
    }),
  )
  return { meta: frontMatterSchema.parse(fields), body: match[2] ?? '' }
}

const keyFor = (...parts: Array<string | number>) =>
  createHash('sha1').update(parts.join(':')).digest('hex').slice(0, 12)

type Span = { _type: 'span'; _key: string; text: string; marks: string[] }
type MarkDef = { _type: 'link'; _key: string; href: string }

function parseInline(text: string, blockKey: string): { children: Span[]; markDefs: MarkDef[] } {
  const children: Span[] = []
  const markDefs: MarkDef[] = []
  const pattern = /\*\*(.+?)\*\*|\*(.+?)\*|\[(.+?)\]\((.+?)\)/g
  let last = 0
  const push = (value: string, marks: string[]) => {
    if (value !== '')
      children.push({ _type: 'span', _key: keyFor(blockKey, children.length), text: value, marks })
  }
  for (const found of text.matchAll(pattern)) {
    push(text.slice(last, found.index), [])
    const [, strong, em, linkText, href] = found
    if (strong !== undefined) push(strong, ['strong'])
    else if (em !== undefined) push(em, ['em'])
    else if (linkText !== undefined && href !== undefined) {
      const markKey = keyFor(blockKey, 'link', markDefs.length)
      markDefs.push({ _type: 'link', _key: markKey, href })
      push(linkText, [markKey])
    }
    last = found.index + found[0].length
  }
  push(text.slice(last), [])
  return { children, markDefs }
}

function toBlocks(postId: string, body: string) {
  const lines = body.split('\n').filter((line) => line.trim() !== '')
  return lines.map((line, index) => {
    const key = keyFor(postId, index)
    const image = /^!\[(.+?)\]\((.+?)\)$/.exec(line)
    if (image !== null) {
      return { ...imageField(image[2] ?? '', image[1] ?? ''), _type: 'inlineImage', _key: key }
    }
    const heading = /^(#{2,4}) (.*)$/.exec(line)
    const bullet = /^- (.*)$/.exec(line)
    const numbered = /^\d+\. (.*)$/.exec(line)
    const quote = /^> (.*)$/.exec(line)
    const text = heading?.[2] ?? bullet?.[1] ?? numbered?.[1] ?? quote?.[1] ?? line
    const style = heading ? `h${heading[1]?.length}` : quote ? 'blockquote' : 'normal'
    const listItem = bullet
      ? { listItem: 'bullet', level: 1 }
      : numbered
        ? { listItem: 'number', level: 1 }
        : {}
    return { _type: 'block', _key: key, style, ...listItem, ...parseInline(text, key) }
  })
}

function toPost(file: string) {
  const { meta, body } = parseArticle(readFileSync(join(ARTICLES_DIR, file), 'utf8'))
  const [mode, days] = meta.comments.split(':')
  return {
    _id: meta.id,
    _type: 'post',
    title: meta.title,
    slug: { _type: 'slug', current: meta.slug ?? toSlug(meta.title) },
    excerpt: meta.excerpt,
    publishedAt: meta.publishedAt,
    coverImage: imageField(meta.cover, meta.coverAlt),
    author: { _type: 'reference', _ref: meta.author },
    categories: meta.categories.map((id) => ({ _type: 'reference', _ref: id, _key: keyFor(meta.id, id) })),
    relatedPosts: meta.related.map((id) => ({
      _type: 'reference',
      _ref: id,
      _key: keyFor(meta.id, 'related', id),
    })),
    comments: {
      _type: 'commentSettings',
      mode,
      ...(days === undefined ? {} : { closeAfterDays: Number(days) }),
    },
    ...(meta.seoTitle || meta.seoDescription
      ? { seo: { _type: 'seo', title: meta.seoTitle, description: meta.seoDescription } }
      : {}),
    body: toBlocks(meta.id, body),
  }
}

const posts = readdirSync(ARTICLES_DIR)
  .filter((file) => file.endsWith('.md'))
  .sort()
  .map(toPost)

const documents = [siteSettings, moderationSettings, ...authors, ...categories, ...posts]
writeFileSync(OUTPUT, documents.map((document) => JSON.stringify(document)).join('\n') + '\n')
console.log(`Wrote ${documents.length} documents (${posts.length} posts) to ${OUTPUT}`)
