import { RELATED_POSTS_COUNT } from './limits.ts'

type RelatedCandidate = {
  _id: string
  publishedAt: string
  categories: ReadonlyArray<{ _id: string }> | null
}

export type RelatedSelectionInput<T extends RelatedCandidate> = {
  post: { _id: string; categoryIds: readonly string[] }
  /** The editor's picks, in the editor's order. */
  picked: ReadonlyArray<T | null>
  /** Posts sharing at least one category with `post`, any order. */
  sharingCategory: readonly T[]
  /** The newest posts, any order. */
  newest: readonly T[]
  count?: number
}

function sharedCategoryCount(candidate: RelatedCandidate, categoryIds: ReadonlySet<string>): number {
  return (candidate.categories ?? []).filter((category) => categoryIds.has(category._id)).length
}

function byRecency(a: RelatedCandidate, b: RelatedCandidate): number {
  return b.publishedAt.localeCompare(a.publishedAt)
}

/**
 * Editor's picks first, then posts sharing the most categories, then the newest posts.
 * Never the post itself, never the same post twice, at most `count`.
 */
export function selectRelatedPosts<T extends RelatedCandidate>({
  post,
  picked,
  sharingCategory,
  newest,
  count = RELATED_POSTS_COUNT,
}: RelatedSelectionInput<T>): T[] {
  const categoryIds = new Set(post.categoryIds)
  const byShared = sharingCategory
    .map((candidate) => ({ candidate, shared: sharedCategoryCount(candidate, categoryIds) }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || byRecency(a.candidate, b.candidate))
    .map(({ candidate }) => candidate)
  const ordered = [
    ...picked.filter((candidate) => candidate !== null),
    ...byShared,
    ...[...newest].sort(byRecency),
  ]

  const seen = new Set<string>([post._id])
  const selected: T[] = []
  for (const candidate of ordered) {
    if (selected.length >= count) break
    if (seen.has(candidate._id)) continue
    seen.add(candidate._id)
    selected.push(candidate)
  }
  return selected
}
