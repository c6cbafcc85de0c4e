import 'server-only'
import type {
  FeedPostsQueryResult,
  PostBySlugQueryResult,
  PostListPageQueryResult,
  SitemapQueryResult,
} from '@/sanity/sanity.types'
import { fetchContent, toReadMode } from '@/lib/content/client'
import { FEED_ITEM_COUNT } from '@/lib/content/limits'
import { buildPagination, toPageWindow, type Pagination } from '@/lib/content/pagination'
import {
  feedPostsQuery,
  postBySlugQuery,
  postListPageQuery,
  postSlugsQuery,
  postSlugsReferencingQuery,
  relatedPostCandidatesQuery,
  sitemapQuery,
} from '@/lib/content/queries'
import { selectRelatedPosts } from '@/lib/content/related'
import { tags } from '@/lib/content/tags'

export type PostCard = PostListPageQueryResult['posts'][number]
export type Post = NonNullable<PostBySlugQueryResult>
export type PostPage = { posts: PostCard[]; pagination: Pagination }

export async function listPostSlugs(): Promise<string[]> {
  const rows = await fetchContent(postSlugsQuery, {}, toReadMode(false, [tags.postList()]))
  return rows.map((row) => row.slug)
}

/** One page of the newest posts; null when the page is past the end (page 1 always exists). */
export async function getPostPage(page: number, draft = false): Promise<PostPage | null> {
  const { posts, total } = await fetchContent(
    postListPageQuery,
    toPageWindow(page),
    toReadMode(draft, [tags.postList()]),
  )
  const pagination = buildPagination(total, page)
  return page > pagination.pageCount ? null : { posts, pagination }
}

export async function getPostBySlug(slug: string, draft = false): Promise<Post | null> {
  return fetchContent(
    postBySlugQuery,
    { slug },
    toReadMode(draft, [tags.post(slug), tags.authors(), tags.categories()]),
  )
}

export async function listRelatedPosts(post: Post, draft = false): Promise<PostCard[]> {
  const categoryIds = (post.categories ?? []).map((category) => category._id)
  const { sharingCategory, newest } = await fetchContent(
    relatedPostCandidatesQuery,
    { id: post._id, categoryIds },
    toReadMode(draft, [tags.postList()]),
  )
  return selectRelatedPosts({
    post: { _id: post._id, categoryIds },
    picked: post.relatedPosts ?? [],
    sharingCategory,
    newest,
  })
}

/** Posts that hand-pick `postId` as related. Read fresh: it decides which cached pages to revalidate. */
export async function listPostSlugsReferencing(postId: string): Promise<string[]> {
  const rows = await fetchContent(postSlugsReferencingQuery, { id: postId }, { cache: 'fresh' })
  return rows.map((row) => row.slug)
}

export type FeedPost = FeedPostsQueryResult[number]

export async function listFeedPosts(): Promise<FeedPost[]> {
  return fetchContent(feedPostsQuery, { limit: FEED_ITEM_COUNT }, toReadMode(false, [tags.postList()]))
}

export async function getSitemapEntries(): Promise<SitemapQueryResult> {
  return fetchContent(
    sitemapQuery,
    {},
    toReadMode(false, [tags.postList(), tags.authors(), tags.categories()]),
  )
}
