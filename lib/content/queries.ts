import { defineQuery } from 'next-sanity'

// Shared projections. Listed fields only: no `...`, and nothing from `comment` documents.
const imageFields = /* groq */ `alt, hotspot, crop, "assetRef": asset._ref`
const postCardFields = /* groq */ `
  _id,
  title,
  "slug": slug.current,
  excerpt,
  publishedAt,
  coverImage { ${imageFields} },
  author-> { name, "slug": slug.current },
  "categories": categories[]-> { _id, title, "slug": slug.current }
`
const publishedPostFilter = /* groq */ `_type == "post" && defined(slug.current) && defined(publishedAt)`

export const siteSettingsQuery = defineQuery(`
  *[_type == "siteSettings" && _id == "siteSettings"][0] { title, description }
`)

export const postSlugsQuery = defineQuery(`
  *[${publishedPostFilter}] | order(publishedAt desc) { "slug": slug.current }
`)

export const postListPageQuery = defineQuery(`{
  "posts": *[${publishedPostFilter}] | order(publishedAt desc, _id asc) [$start...$end] { ${postCardFields} },
  "total": count(*[${publishedPostFilter}])
}`)

export const postBySlugQuery = defineQuery(`
  *[${publishedPostFilter} && slug.current == $slug][0] {
    ${postCardFields},
    _updatedAt,
    body[] {
      ...,
      _type == "inlineImage" => { _type, _key, ${imageFields}, caption }
    },
    "authorBio": author->bio,
    "relatedPosts": relatedPosts[]-> { ${postCardFields} },
    seo { title, description },
    comments { mode, closeAfterDays }
  }
`)

// Candidates for the automatic part of "Related Posts": posts sharing a category, and the newest posts.
export const relatedPostCandidatesQuery = defineQuery(`{
  "sharingCategory": *[${publishedPostFilter} && _id != $id && references($categoryIds)]
    | order(publishedAt desc) [0...24] { ${postCardFields} },
  "newest": *[${publishedPostFilter} && _id != $id] | order(publishedAt desc) [0...6] { ${postCardFields} }
}`)

export const postSlugsReferencingQuery = defineQuery(`
  *[${publishedPostFilter} && references($id)] { "slug": slug.current }
`)

export const categoryPageQuery = defineQuery(`
  *[_type == "category" && slug.current == $slug][0] {
    _id,
    title,
    "slug": slug.current,
    description,
    "posts": *[${publishedPostFilter} && references(^._id)] | order(publishedAt desc, _id asc) [$start...$end] { ${postCardFields} },
    "total": count(*[${publishedPostFilter} && references(^._id)])
  }
`)

export const categorySlugsQuery = defineQuery(`
  *[_type == "category" && defined(slug.current)] | order(title asc) { "slug": slug.current, title }
`)

export const authorPageQuery = defineQuery(`
  *[_type == "author" && slug.current == $slug][0] {
    _id,
    name,
    "slug": slug.current,
    bio,
    picture { ${imageFields} },
    "posts": *[${publishedPostFilter} && author._ref == ^._id] | order(publishedAt desc, _id asc) [$start...$end] { ${postCardFields} },
    "total": count(*[${publishedPostFilter} && author._ref == ^._id])
  }
`)

export const authorSlugsQuery = defineQuery(`
  *[_type == "author" && defined(slug.current)] | order(name asc) { "slug": slug.current }
`)

export const feedPostsQuery = defineQuery(`
  *[${publishedPostFilter}] | order(publishedAt desc) [0...$limit] {
    _id, title, "slug": slug.current, excerpt, publishedAt, _updatedAt,
    author-> { name },
    "categories": categories[]->title
  }
`)

export const sitemapQuery = defineQuery(`{
  "posts": *[${publishedPostFilter}] | order(publishedAt desc) { "slug": slug.current, _updatedAt },
  "categories": *[_type == "category" && defined(slug.current)] { "slug": slug.current, _updatedAt },
  "authors": *[_type == "author" && defined(slug.current)] { "slug": slug.current, _updatedAt }
}`)

// Comments and moderation (lib/comments, lib/mail). Comment ids are dotted (`comment.<uuid>`), so only token-bearing
// clients see them. Public projections never select `email`, `ipHash` or `userAgent`.
const publicCommentFields = /* groq */ `_id, "parentId": parent._ref, name, website, body, createdAt`
// Comment reads run in the raw perspective (see lib/content/write-client.ts), so Studio drafts of a comment are
// excluded here rather than by the perspective.
const storedCommentFilter = /* groq */ `_type == "comment" && !(_id in path("drafts.**")) && !(_id in path("versions.**"))`

export const approvedCommentsQuery = defineQuery(`
  *[${storedCommentFilter} && post._ref == $postId && status == "approved"] | order(createdAt asc) { ${publicCommentFields} }
`)

export const ownPendingCommentsQuery = defineQuery(`
  *[${storedCommentFilter} && _id in $ids && post._ref == $postId && status == "pending"] | order(createdAt asc) { ${publicCommentFields} }
`)

// The write client reads raw, so a `drafts.` or `versions.` id would find an unpublished copy: only a published
// document's id (no dot) takes comments.
export const commentPostQuery = defineQuery(`
  *[${publishedPostFilter} && _id == $postId && _id in path("*")][0] {
    _id, title, "slug": slug.current, publishedAt, comments { mode, closeAfterDays }
  }
`)

const commentPolicyFields = /* groq */ `commentPolicy { moderationWords, disallowedWords, maxLinks, rateLimitPerMinute, rateLimitPerHour, rateLimitSitePerMinute, autoCloseDays }`
// `moderation` is the private document ($moderationSettingsId, dotted). Datasets from before it existed keep these
// fields on the public siteSettings: `legacy` reads them there until an editor moves them.
export const commentSettingsQuery = defineQuery(`{
  "title": *[_type == "siteSettings" && _id == "siteSettings"][0].title,
  "moderation": *[_type == "moderationSettings" && _id == $moderationSettingsId][0] { moderatorEmails, ${commentPolicyFields} },
  "legacy": *[_type == "siteSettings" && _id == "siteSettings"][0] { moderatorEmails, ${commentPolicyFields} }
}`)

export const commentReplyTargetQuery = defineQuery(`
  *[${storedCommentFilter} && _id == $commentId][0] {
    _id, "postId": post._ref, status, name, "parentId": parent._ref, "grandparentId": parent->parent._ref
  }
`)

export const duplicateCommentQuery = defineQuery(`
  count(*[${storedCommentFilter} && post._ref == $postId && body == $body && status != "trash"
    && (email == $email || ipHash == $ipHash)]) > 0
`)

export const moderationCommentQuery = defineQuery(`
  *[${storedCommentFilter} && _id == $commentId][0] {
    _id, _rev, status, name, email, website, body, createdAt, checksFired, usedTokenHashes,
    "postId": post._ref,
    "post": post-> { title, "slug": slug.current },
    "parent": parent-> { name, body },
    "auditTrail": auditTrail[] { status, at, by, channel }
  }
`)

export const commenterHistoryQuery = defineQuery(`{
  "approved": count(*[${storedCommentFilter} && email == $email && status == "approved" && _id != $commentId]),
  "spam": count(*[${storedCommentFilter} && email == $email && status == "spam" && _id != $commentId]),
  "waiting": count(*[${storedCommentFilter} && status == "pending"])
}`)

export const dueOutboxItemsQuery = defineQuery(`
  *[_type == "mailOutboxItem" && (
    (status == "queued" && nextAttemptAt <= $now) || (status == "sending" && leaseUntil <= $now)
  )] | order(nextAttemptAt asc) [0...$limit] {
    _id, _rev, status, kind, commentId, to, ipPrefix, attempts, nextAttemptAt, leaseUntil, createdAt
  }
`)
