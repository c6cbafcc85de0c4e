// Every public URL is built here. Pure: shared by pages, feeds, the Studio and mail.

export const routes = {
  home: (): string => '/',
  /** Page 1 of the home listing is the home page itself. */
  homePage: (page: number): string => (page <= 1 ? '/' : `/page/${page}`),
  post: (slug: string): string => `/posts/${encodeURIComponent(slug)}`,
  category: (slug: string, page = 1): string =>
    page <= 1
      ? `/category/${encodeURIComponent(slug)}`
      : `/category/${encodeURIComponent(slug)}/page/${page}`,
  author: (slug: string, page = 1): string =>
    page <= 1 ? `/author/${encodeURIComponent(slug)}` : `/author/${encodeURIComponent(slug)}/page/${page}`,
  rss: (): string => '/feed.xml',
  atom: (): string => '/atom.xml',
  sitemap: (): string => '/sitemap.xml',
  draftModeDisable: (): string => '/api/draft-mode/disable',
  /** The comment form answering `commentId`, on a page of its own: the article itself is static. */
  postReply: (slug: string, commentId: string): string =>
    `/posts/${encodeURIComponent(slug)}/reply/${encodeURIComponent(commentId)}#respond`,
  /** A fresh form timestamp token for the comment form (GET, never cached). */
  commentFormToken: (postId: string): string =>
    `/api/comments/form-token?postId=${encodeURIComponent(postId)}`,
  /** The reader's own comments on a post that await moderation (GET, never cached). */
  ownComments: (postId: string): string => `/api/comments/mine?postId=${encodeURIComponent(postId)}`,
  postComment: (slug: string, commentId: string): string =>
    `/posts/${encodeURIComponent(slug)}#${commentAnchor(commentId)}`,
  /** One-click moderation link; `outcome` reports a failed attempt back to the same page. */
  moderate: (token: string, outcome?: 'conflict' | 'unavailable'): string =>
    `/moderate/${encodeURIComponent(token)}${outcome === undefined ? '' : `?outcome=${outcome}`}`,
  /** The comment in the Studio, which the site serves under /studio. */
  studioComment: (commentId: string): string => `/studio/structure/comment;${encodeURIComponent(commentId)}`,
} as const

/** The HTML id of a comment on its post page. */
export function commentAnchor(commentId: string): string {
  return `comment-${commentId.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

export function toAbsoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, `${siteUrl.replace(/\/+$/, '')}/`).toString()
}

/** What the Studio's router reads as structure: `;` between panes, `|` between siblings, `,` and `=` in params. */
const STUDIO_PATH_SEPARATORS = /%(3B|7C|2C|3D)/gi

/**
 * The lake-served Studio's address for a path under the site's /studio, where local mode leads. Next hands a
 * catch-all's segments percent-encoded, the Studio's separators too: each segment is decoded once and encoded
 * once, and the separators are restored, so `structure/comment;<id>` still opens that comment.
 */
export function toLakeStudioUrl(studioBase: string, segments: readonly string[]): string {
  const path = segments.map((segment) =>
    encodeURIComponent(decodeSegment(segment)).replace(STUDIO_PATH_SEPARATORS, (escape) =>
      decodeURIComponent(escape),
    ),
  )
  return `${studioBase.replace(/\/+$/, '')}/${path.join('/')}`
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    // A lone `%` means the segment was never encoded: take it as it is.
    return segment
  }
}
