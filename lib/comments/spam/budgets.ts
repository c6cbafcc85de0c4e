import type { RateRequest } from '@/lib/security/rate-limit'
import type { CommentPolicy } from '@/lib/comments/spam/policy'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Per address, per email and for the whole site. */
export function buildRateRequests(
  visitor: { ipHash: string; email: string },
  policy: CommentPolicy,
): RateRequest[] {
  const perVisitor = (key: string): RateRequest[] => [
    { key, limit: policy.perVisitorPerMinute, windowMs: MINUTE },
    { key, limit: policy.perVisitorPerHour, windowMs: HOUR },
  ]
  return [
    ...perVisitor(`ip:${visitor.ipHash}`),
    ...perVisitor(`email:${visitor.email}`),
    { key: 'global', limit: policy.globalPerMinute, windowMs: MINUTE },
  ]
}
