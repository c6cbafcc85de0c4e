// The spam and moderation settings editors change in moderationSettings.commentPolicy, with the defaults a fresh site uses.
import { z } from 'zod'

export type CommentPolicy = {
  /** More links than this holds a comment for moderation. */
  maxLinks: number
  moderationWords: readonly string[]
  disallowedWords: readonly string[]
  perVisitorPerMinute: number
  perVisitorPerHour: number
  /** Whole-site burst budget: a flood from many addresses still stops here. */
  globalPerMinute: number
  autoCloseDays: number
  /** A person needs at least this long between loading the form and posting it. */
  minFillMs: number
}

export const DEFAULT_COMMENT_POLICY: CommentPolicy = Object.freeze({
  maxLinks: 2,
  moderationWords: [],
  disallowedWords: [],
  perVisitorPerMinute: 3,
  perVisitorPerHour: 20,
  globalPerMinute: 30,
  autoCloseDays: 30,
  minFillMs: 3000,
})

const words = z
  .array(z.unknown())
  .transform((list) =>
    list.flatMap((word) =>
      typeof word === 'string' && word.trim() !== '' ? [word.trim().toLowerCase()] : [],
    ),
  )
const count = (min: number) => z.number().int().min(min)

/** moderationSettings.commentPolicy as stored; a field editors left empty or invalid falls back to its default. */
export const storedCommentPolicySchema = z
  .object({
    maxLinks: count(0).nullish().catch(undefined),
    moderationWords: words.nullish().catch(undefined),
    disallowedWords: words.nullish().catch(undefined),
    rateLimitPerMinute: count(1).nullish().catch(undefined),
    rateLimitPerHour: count(1).nullish().catch(undefined),
    rateLimitSitePerMinute: count(1).nullish().catch(undefined),
    autoCloseDays: count(1).nullish().catch(undefined),
  })
  .nullish()

export function resolveCommentPolicy(stored: z.infer<typeof storedCommentPolicySchema>): CommentPolicy {
  const d = DEFAULT_COMMENT_POLICY
  return {
    ...d,
    maxLinks: stored?.maxLinks ?? d.maxLinks,
    moderationWords: stored?.moderationWords ?? d.moderationWords,
    disallowedWords: stored?.disallowedWords ?? d.disallowedWords,
    perVisitorPerMinute: stored?.rateLimitPerMinute ?? d.perVisitorPerMinute,
    perVisitorPerHour: stored?.rateLimitPerHour ?? d.perVisitorPerHour,
    globalPerMinute: stored?.rateLimitSitePerMinute ?? d.globalPerMinute,
    autoCloseDays: stored?.autoCloseDays ?? d.autoCloseDays,
  }
}
