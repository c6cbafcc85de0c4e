// Pure: which moderation decisions apply to a comment, and the audit entry each one records.
// Shared by the Studio document actions; relative runtime imports because the Studio bundler has no `@/` alias.
import type { ModerationAction } from '@/lib/security/tokens'
import { COMMENT_STATUSES } from '../content/limits'
import { STATUS_BY_ACTION, type AuditChannel, type CommentStatus } from './status'

export type AuditEntry = {
  _key: string
  _type: 'commentAuditEntry'
  status: CommentStatus
  at: string
  by: string
  channel: AuditChannel
}

export type AuditEntryInput = { status: CommentStatus; at: Date; by: string; channel: AuditChannel }

/** The shape of a moderator as the Studio knows them (`useCurrentUser`). */
export type Moderator = { id: string; name?: string; email?: string }

/** `null` for anything that is not a known status, e.g. a field the document lacks. */
export function parseCommentStatus(value: unknown): CommentStatus | null {
  return COMMENT_STATUSES.find((status) => status === value) ?? null
}

/** A decision is offered unless the comment already has the status it would set. */
export function canApplyModeration(action: ModerationAction, status: CommentStatus | null): boolean {
  return STATUS_BY_ACTION[action] !== status
}

export function buildAuditEntry(entry: AuditEntryInput, key: string): AuditEntry {
  return {
    _key: key,
    _type: 'commentAuditEntry',
    status: entry.status,
    at: entry.at.toISOString(),
    by: entry.by,
    channel: entry.channel,
  }
}

/** Who the audit trail names: the email, as mailed links record it, else the name, else the user id. */
export function toModeratorLabel(moderator: Moderator): string {
  const label = [moderator.email, moderator.name].find((value) => value !== undefined && value.trim() !== '')
  return label ?? moderator.id
}
