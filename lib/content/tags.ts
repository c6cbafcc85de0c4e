// The only module that builds cache tags. Pages never name a tag; readers ask for them here.
import { z } from 'zod'

/** Time-based fallback: cached content is refetched at most this long after a missed webhook. */
export const CACHE_FALLBACK_SECONDS = 3600

/** Webhooks expire tagged data at once, so the next visitor sees the edit rather than stale content. */
export const REVALIDATION_PROFILE = { expire: 0 } as const

/**
 * The published document types whose changes revalidate pages (buildRevalidationTags below); the content store's
 * webhook watches exactly these (scripts/lib/local-lake.ts, and the README's hosted-Sanity webhook). Comments come
 * through a webhook of their own.
 */
export const REVALIDATING_TYPES = ['post', 'author', 'category', 'siteSettings'] as const

export const tags = {
  /** The post page's own content (body, byline, hand-picked related cards). */
  post: (slug: string): string => `post:${slug}`,
  /** Every list of posts: home, pagination, archives, automatic related posts, feeds, sitemap. */
  postList: (): string => 'post-list',
  author: (slug: string): string => `author:${slug}`,
  category: (slug: string): string => `category:${slug}`,
  /** Bylines and category chips are rendered inside post pages. */
  authors: (): string => 'authors',
  categories: (): string => 'categories',
  siteSettings: (): string => 'site-settings',
  /** The approved comments under one post; revalidated when a moderator changes a comment's status. */
  postComments: (postId: string): string => `comments:${postId}`,
} as const

// A slug may arrive as the slug object or as its `current` string, depending on the webhook projection.
const slugValue = z
  .union([
    z.string(),
    z.object({ current: z.string().optional() }).transform((slug) => slug.current),
    z.null(),
  ])
  .optional()
  .transform((slug) => (slug === null || slug === '' ? undefined : slug))

/** The body of a Sanity webhook, projected as `{_id, _type, slug, "previousSlug": before().slug.current}`. */
export const contentChangeSchema = z.object({
  _id: z.string().min(1),
  _type: z.string().min(1),
  slug: slugValue,
  previousSlug: slugValue,
  /** For comments: the post they belong to (`"postId": post._ref` in the projection). */
  postId: z.string().min(1).optional(),
})

export type ContentChange = z.infer<typeof contentChangeSchema>

function slugTags(change: ContentChange, toTag: (slug: string) => string): string[] {
  return [change.slug, change.previousSlug].filter((slug) => slug !== undefined).map(toTag)
}

/**
 * Tags a published change invalidates. `referencingPostSlugs` are the posts that hand-pick the
 * changed post as related, so their "Related Posts" cards update too. Drafts change nothing public.
 */
export function buildRevalidationTags(
  change: ContentChange,
  referencingPostSlugs: readonly string[] = [],
): string[] {
  if (change._id.startsWith('drafts.') || change._id.startsWith('versions.')) return []
  const result: string[] = []
  switch (change._type) {
    case 'post':
      result.push(...slugTags(change, tags.post), tags.postList(), ...referencingPostSlugs.map(tags.post))
      break
    case 'author':
      result.push(...slugTags(change, tags.author), tags.authors(), tags.postList())
      break
    case 'category':
      result.push(...slugTags(change, tags.category), tags.categories(), tags.postList())
      break
    case 'siteSettings':
      result.push(tags.siteSettings())
      break
    case 'comment':
      // A moderation decision made anywhere (email link, Studio) shows under the post at once.
      if (change.postId !== undefined) result.push(tags.postComments(change.postId))
      break
    default:
      // Assets and unknown types appear on no cached page.
      break
  }
  return [...new Set(result)]
}
