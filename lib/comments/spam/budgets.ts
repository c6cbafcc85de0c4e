import type { RateRequest } from '@/lib/security/rate-limit'
import type { CommentPolicy } from '@/lib/comments/spam/policy'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Per address (an IPv6 visitor by their /64) and per email: charged for every attempt, so a flood pays itself. */
export function buildVisitorRateRequests(
  visitor: { ipHash: string; email: string },
  policy: CommentPolicy,
): RateRequest[] {
  const perVisitor = (key: string): RateRequest[] => [
    { key, limit: policy.perVisitorPerMinute, windowMs: MINUTE },
    { key, limit: policy.perVisitorPerHour, windowMs: HOUR },
  ]
  return [...perVisitor(`ip:${visitor.ipHash}`), ...perVisitor(`email:${visitor.email}`)]
}

/**
 * The whole site's budget. Charged only for a comment that will be stored: were it charged for attempts on posts
 * that do not exist, a few dozen addresses could close commenting for everyone while storing nothing (issue #14).
 */
export function buildSiteRateRequests(policy: CommentPolicy): RateRequest[] {
  return [{ key: 'global', limit: policy.globalPerMinute, windowMs: MINUTE }]
}
