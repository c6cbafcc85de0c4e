import 'server-only'
import type { CommentInput } from '@/lib/comments/input'
import type { CommentStore, NewComment } from '@/lib/comments/store'
import { buildAuditEntry } from '@/lib/comments/moderation-rules'
import { COMMENT_ID_PREFIX } from '@/lib/comments/store'
import type { SubmitResult } from '@/lib/comments/submit-result'
import type { SpamCheck } from '@/lib/comments/spam/checks'
import { buildSiteRateRequests, buildVisitorRateRequests } from '@/lib/comments/spam/budgets'
import { evaluateContent, isHoneypotFilled } from '@/lib/comments/spam/content'
import { checkFillTime } from '@/lib/comments/spam/fill-time'
import { getCommentingState } from '@/lib/comments/open'
import { buildModerationOutboxItems } from '@/lib/mail/outbox'
import { hashIp, toVisitorNetwork, truncateIp } from '@/lib/security/ip'
import type { RateLimiter } from '@/lib/security/rate-limit'
import type { SigningKey } from '@/lib/security/tokens'

export type SubmitRequest = { ip: string; userAgent: string }

export type SubmitDeps = {
  store: CommentStore
  limiter: RateLimiter
  now: () => Date
  newId: () => string
  keys: { formTimestamp: SigningKey; ipHash: SigningKey }
  /** Moderators to notify when the site settings name none. */
  fallbackModerators: readonly string[]
}

const MAX_USER_AGENT_LENGTH = 500

/**
 * Checks and stores one comment. Expected refusals are results; a store that cannot answer throws
 * CommentStoreError, and nothing is reported as posted.
 */
export async function submitComment(
  input: CommentInput,
  request: SubmitRequest,
  deps: SubmitDeps,
): Promise<SubmitResult> {
  const now = deps.now()
  const ipHash = hashIp(deps.keys.ipHash, toVisitorNetwork(request.ip))
  const settings = await deps.store.getSiteSettings()
  const { policy } = settings

  const visitorBudget = await deps.limiter.consume(
    buildVisitorRateRequests({ ipHash, email: input.email }, policy),
    now.getTime(),
  )
  if (!visitorBudget.ok)
    return { ok: false, reason: 'rate-limited', retryAfterMs: visitorBudget.retryAfterMs }

  const post = await deps.store.getPostForCommenting(input.postId)
  if (post === null) return { ok: false, reason: 'post-not-found' }
  if (!getCommentingState(post, policy.autoCloseDays, now).open) return { ok: false, reason: 'post-closed' }

  if (input.parentId !== undefined) {
    const parent = await deps.store.getReplyTarget(input.parentId)
    if (parent === null || parent.status !== 'approved' || parent.postId !== post._id) {
      return { ok: false, reason: 'parent-not-found' }
    }
  }

  if (await deps.store.hasDuplicate({ postId: post._id, body: input.body, email: input.email, ipHash })) {
    return { ok: false, reason: 'duplicate' }
  }

  // Only now, with a comment that will be stored, does the attempt count against the whole site.
  const siteBudget = await deps.limiter.consume(buildSiteRateRequests(policy), now.getTime())
  if (!siteBudget.ok) return { ok: false, reason: 'rate-limited', retryAfterMs: siteBudget.retryAfterMs }

  // Bots get the same answer as people: they learn nothing from a trap that fired.
  const trapChecks: SpamCheck[] = []
  if (isHoneypotFilled(input.honeypot)) trapChecks.push('honeypot')
  const fillTime = checkFillTime(deps.keys.formTimestamp, input.formToken, post._id, now, policy.minFillMs)
  // A stale token is only flagged: see MAX_FORM_TOKEN_AGE_MS for why it is not a trap.
  const heldChecks: SpamCheck[] = []
  if (fillTime === 'stale-form-token') heldChecks.push(fillTime)
  else if (fillTime !== null) trapChecks.push(fillTime)
  const content = evaluateContent(input, policy)
  const status = trapChecks.length > 0 ? 'spam' : content.status
  const checks = [...trapChecks, ...heldChecks, ...content.checks]

  const commentId = `${COMMENT_ID_PREFIX}${deps.newId()}`
  const comment: NewComment = {
    _id: commentId,
    _type: 'comment',
    post: { _type: 'reference', _ref: post._id },
    ...(input.parentId === undefined
      ? {}
      : { parent: { _type: 'reference', _ref: input.parentId, _weak: true } }),
    name: input.name,
    email: input.email,
    ...(input.website === undefined ? {} : { website: input.website }),
    body: input.body,
    status,
    createdAt: now.toISOString(),
    ipHash,
    userAgent: request.userAgent.slice(0, MAX_USER_AGENT_LENGTH),
    checksFired: checks,
    auditTrail: [buildAuditEntry({ status, at: now, by: 'system', channel: 'web' }, deps.newId())],
  }
  const moderators = settings.moderatorEmails.length > 0 ? settings.moderatorEmails : deps.fallbackModerators
  const notifications =
    status === 'pending'
      ? buildModerationOutboxItems({
          commentId,
          moderators,
          ipPrefix: truncateIp(request.ip),
          now,
          newId: deps.newId,
        })
      : []
  await deps.store.createComment(comment, notifications)
  return {
    ok: true,
    commentId,
    status,
    submitted: {
      _id: commentId,
      parentId: input.parentId ?? null,
      name: input.name,
      website: input.website ?? null,
      body: input.body,
      createdAt: comment.createdAt,
    },
  }
}
