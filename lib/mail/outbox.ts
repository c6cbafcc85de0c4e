// The mail outbox: each notification is a store document written with the comment it announces, then sent by a
// worker. Claims use the document revision (optimistic locking), so of several workers exactly one sends an item.
import { z } from 'zod'
import { forEachConcurrently } from '@/lib/async/for-each-concurrently'
import type { MailMessage, Mailer } from '@/lib/mail/transport'

export const OUTBOX_TYPE = 'mailOutboxItem'
export const OUTBOX_ID_PREFIX = 'outbox.'
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const

export const outboxItemSchema = z.object({
  _id: z.string(),
  _rev: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  kind: z.literal('comment-moderation'),
  commentId: z.string(),
  to: z.string(),
  ipPrefix: z.string().nullish(),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.string(),
  leaseUntil: z.string().nullish(),
  createdAt: z.string(),
})

export type OutboxItem = z.infer<typeof outboxItemSchema>
export type NewOutboxItem = Omit<OutboxItem, '_rev' | 'leaseUntil'> & { _type: typeof OUTBOX_TYPE }

/** One item per moderator, so one unreachable mailbox never delays or repeats the others. */
export function buildModerationOutboxItems(input: {
  commentId: string
  moderators: readonly string[]
  ipPrefix: string
  now: Date
  newId: () => string
}): NewOutboxItem[] {
  return [...new Set(input.moderators.map((address) => address.toLowerCase()))].map((to) => ({
    _id: `${OUTBOX_ID_PREFIX}${input.newId()}`,
    _type: OUTBOX_TYPE,
    status: 'queued',
    kind: 'comment-moderation',
    commentId: input.commentId,
    to,
    ipPrefix: input.ipPrefix,
    attempts: 0,
    nextAttemptAt: input.now.toISOString(),
    createdAt: input.now.toISOString(),
  }))
}

export type OutboxOutcome =
  | { status: 'sent'; at: Date }
  | { status: 'cancelled'; at: Date; reason: string }
  | { status: 'queued'; nextAttemptAt: Date; error: string }
  | { status: 'failed'; at: Date; error: string }

export interface OutboxStore {
  /** Queued items that are due, and items whose sender's lease ran out (it crashed or hung). */
  listDue(now: Date, limit: number): Promise<OutboxItem[]>
  /** The item as claimed (new revision), or `null` when another worker changed it first. */
  claim(item: OutboxItem, leaseUntil: Date): Promise<OutboxItem | null>
  /** `false` when the item changed since the claim (a lease ran out and another worker took it). */
  settle(claimed: OutboxItem, outcome: OutboxOutcome): Promise<boolean>
}

export type ComposeResult = { kind: 'send'; message: MailMessage } | { kind: 'cancel'; reason: string }

export type OutboxDeps = {
  store: OutboxStore
  mailer: Mailer
  compose: (item: OutboxItem) => Promise<ComposeResult>
  now: () => Date
  leaseMs: number
  maxAttempts: number
  backoff: { baseMs: number; maxMs: number }
}

export type OutboxRunSummary = {
  sent: number
  retried: number
  failed: number
  cancelled: number
  lost: number
}

export const DEFAULT_OUTBOX_SETTINGS = {
  leaseMs: 2 * 60_000,
  maxAttempts: 12,
  backoff: { baseMs: 30_000, maxMs: 60 * 60_000 },
} as const

/** 30 s, 1 min, 2 min … capped at one hour. */
export function computeBackoffMs(attempt: number, { baseMs, maxMs }: OutboxDeps['backoff']): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
}

const describe = (error: unknown): string => {
  const parts: string[] = []
  for (let current = error; current instanceof Error && parts.length < 3; current = current.cause)
    parts.push(current.message)
  return (parts.join(': ') || String(error)).slice(0, 500)
}

/**
 * Sends what is due once. Delivery is exactly once while workers run normally; a worker that dies between the
 * SMTP server's acceptance and `settle` leaves its item to be re-sent after the lease: SMTP offers no better.
 */
/** Items one run takes on; a run that handles this many may have left more due. */
export const OUTBOX_BATCH_SIZE = 20

/** Whether a run handled a whole batch, so another should follow at once rather than on the timer. */
export function isFullBatch(summary: OutboxRunSummary, limit = OUTBOX_BATCH_SIZE): boolean {
  return summary.sent + summary.retried + summary.failed + summary.cancelled + summary.lost >= limit
}

/**
 * Items of one batch in flight at once. Each item waits mostly on the store and the SMTP server, so a few at a
 * time keep a burst of comments from queueing mail behind one another; claims keep them from being sent twice.
 */
export const OUTBOX_CONCURRENCY = 4

export async function runOutboxOnce(deps: OutboxDeps, limit = OUTBOX_BATCH_SIZE): Promise<OutboxRunSummary> {
  const summary: OutboxRunSummary = { sent: 0, retried: 0, failed: 0, cancelled: 0, lost: 0 }
  const due = await deps.store.listDue(deps.now(), limit)
  await forEachConcurrently(due, OUTBOX_CONCURRENCY, async (item) => {
    const claimed = await deps.store.claim(item, new Date(deps.now().getTime() + deps.leaseMs))
    if (claimed === null) {
      summary.lost += 1
      return
    }
    const outcome = await deliver(deps, claimed)
    summary[outcome.status === 'queued' ? 'retried' : outcome.status] += 1
    await deps.store.settle(claimed, outcome)
  })
  return summary
}

async function deliver(deps: OutboxDeps, item: OutboxItem): Promise<OutboxOutcome> {
  try {
    const composed = await deps.compose(item)
    if (composed.kind === 'cancel') return { status: 'cancelled', at: deps.now(), reason: composed.reason }
    await deps.mailer.send(composed.message)
    return { status: 'sent', at: deps.now() }
  } catch (error) {
    // `item.attempts` already counts this attempt: claim() increments it.
    const error_ = describe(error)
    if (item.attempts >= deps.maxAttempts) return { status: 'failed', at: deps.now(), error: error_ }
    const delay = computeBackoffMs(item.attempts, deps.backoff)
    return { status: 'queued', nextAttemptAt: new Date(deps.now().getTime() + delay), error: error_ }
  }
}
