import 'server-only'
import type { CommentStore, ModerationComment } from '@/lib/comments/store'
import { STATUS_BY_ACTION, type CommentStatus } from '@/lib/comments/status'
import {
  hashToken,
  verifyModerationToken,
  type ModerationAction,
  type SigningKey,
} from '@/lib/security/tokens'

export type ModerationDeps = {
  store: CommentStore
  now: () => Date
  key: SigningKey
  /** Called after a decision so the post's cached comment list updates. */
  revalidatePostComments: (postId: string) => void
}

type Refusal =
  | { ok: false; reason: 'invalid-link' | 'expired-link' | 'used-link' | 'comment-gone' }
  /** Decided before, by anyone: via this link (`byThisLink`), another link or the Studio. */
  | { ok: false; reason: 'already-decided'; status: CommentStatus; at: Date | null; byThisLink: boolean }

export type ModerationRequest =
  | {
      ok: true
      action: ModerationAction
      comment: Pick<ModerationComment, '_id' | 'name' | 'website' | 'body' | 'createdAt'>
      post: { title: string; slug: string } | null
    }
  | Refusal

export type ModerationResult =
  { ok: true; status: CommentStatus; at: Date } | Refusal | { ok: false; reason: 'conflict' }

type Checked =
  | { ok: true; action: ModerationAction; moderator: string; comment: ModerationComment; tokenHash: string }
  | Refusal

async function check(token: string, deps: ModerationDeps): Promise<Checked> {
  const verified = verifyModerationToken(deps.key, token, deps.now())
  if (!verified.ok)
    return { ok: false, reason: verified.reason === 'expired' ? 'expired-link' : 'invalid-link' }
  const { commentId, action, moderator } = verified.claims
  const comment = await deps.store.getCommentForModeration(commentId)
  if (comment === null) return { ok: false, reason: 'comment-gone' }
  const tokenHash = hashToken(token)
  const usedHere = (comment.usedTokenHashes ?? []).includes(tokenHash)
  if (comment.status !== 'pending') {
    const byThisLink = usedHere && comment.status === STATUS_BY_ACTION[action]
    return {
      ok: false,
      reason: 'already-decided',
      status: comment.status,
      at: lastDecisionAt(comment),
      byThisLink,
    }
  }
  // Pending again (an editor reset it) yet this link was used: a link acts once.
  if (usedHere) return { ok: false, reason: 'used-link' }
  return { ok: true, action, moderator, comment, tokenHash }
}

/** What the GET page shows. Changes nothing, so mail scanners and link prefetchers are harmless. */
export async function getModerationRequest(token: string, deps: ModerationDeps): Promise<ModerationRequest> {
  const checked = await check(token, deps)
  if (!checked.ok) return checked
  const { _id, name, website, body, createdAt, post } = checked.comment
  return { ok: true, action: checked.action, comment: { _id, name, website, body, createdAt }, post }
}

/** The POST: applies the token's one action, records it in the audit trail and uses the token up. */
export async function applyModeration(token: string, deps: ModerationDeps): Promise<ModerationResult> {
  const checked = await check(token, deps)
  if (!checked.ok) return checked
  const at = deps.now()
  const status = STATUS_BY_ACTION[checked.action]
  const written = await deps.store.recordDecision({
    commentId: checked.comment._id,
    rev: checked.comment._rev,
    entry: { status, at, by: checked.moderator, channel: 'email' },
    tokenHash: checked.tokenHash,
  })
  if (written === 'conflict') return { ok: false, reason: 'conflict' }
  if (checked.comment.postId !== null) deps.revalidatePostComments(checked.comment.postId)
  return { ok: true, status, at }
}

function lastDecisionAt(comment: ModerationComment): Date | null {
  const entry = (comment.auditTrail ?? []).findLast((audit) => audit.status === comment.status)
  return entry === undefined ? null : new Date(entry.at)
}
