import { z } from 'zod'
import { COMMENT_STATUSES } from '../../../lib/content/limits.ts'
import type { CommentStatus } from '../../../lib/comments/status.ts'

// Comments are edited in place (live edit), so drafts and release versions never count.
const COMMENT_FILTER = '_type == "comment" && !(_id in path("drafts.**")) && !(_id in path("versions.**"))'

export const commentCountsQuery = `{${COMMENT_STATUSES.map(
  (status) => `"${status}": count(*[${COMMENT_FILTER} && status == "${status}"])`,
).join(', ')}}`

/** What the counts listen to: any change to a comment may move it between lists. */
export const commentChangesQuery = `*[${COMMENT_FILTER}]`

export type CommentCounts = Record<CommentStatus, number>

const countsSchema = z.object({
  pending: z.number().int().nonnegative(),
  approved: z.number().int().nonnegative(),
  spam: z.number().int().nonnegative(),
  trash: z.number().int().nonnegative(),
}) satisfies z.ZodType<CommentCounts>

/** `null` when the store answered something else: the lists then show no counts rather than wrong ones. */
export function parseCommentCounts(value: unknown): CommentCounts | null {
  const parsed = countsSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

export function buildCountedTitle(title: string, count: number | null): string {
  return count === null ? title : `${title} (${count})`
}
