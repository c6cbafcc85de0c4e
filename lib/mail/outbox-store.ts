import 'server-only'
import { ClientError, type SanityClient } from '@sanity/client'
import { z } from 'zod'
import { assertNever } from '@/lib/assert-never'
import { dueOutboxItemsQuery } from '@/lib/content/queries'
import { outboxItemSchema, type OutboxItem, type OutboxOutcome, type OutboxStore } from '@/lib/mail/outbox'

export class OutboxStoreError extends Error {
  override name = 'OutboxStoreError'
}

// The store refuses a mutation whose ifRevisionID no longer matches with 409 Conflict.
const isRevisionConflict = (error: unknown): boolean =>
  error instanceof ClientError && error.statusCode === 409

/** The outbox kept as `mailOutboxItem` documents in the content store. */
export function createSanityOutboxStore(client: SanityClient): OutboxStore {
  return {
    async listDue(now, limit) {
      let rows: unknown
      try {
        rows = await client.fetch(dueOutboxItemsQuery, { now: now.toISOString(), limit })
      } catch (error) {
        throw new OutboxStoreError('Could not read the mail outbox', { cause: error })
      }
      return z.array(outboxItemSchema).parse(rows)
    },

    async claim(item, leaseUntil) {
      try {
        const updated = await client
          .patch(item._id)
          .ifRevisionId(item._rev)
          .set({ status: 'sending', leaseUntil: leaseUntil.toISOString(), attempts: item.attempts + 1 })
          .commit({ visibility: 'sync' })
        return outboxItemSchema.parse(updated)
      } catch (error) {
        if (isRevisionConflict(error)) return null
        throw new OutboxStoreError(`Could not claim outbox item ${item._id}`, { cause: error })
      }
    },

    async settle(claimed, outcome) {
      try {
        await client
          .patch(claimed._id)
          .ifRevisionId(claimed._rev)
          .set(toFields(outcome))
          .unset(['leaseUntil'])
          .commit()
        return true
      } catch (error) {
        if (isRevisionConflict(error)) return false
        throw new OutboxStoreError(`Could not record the outcome of outbox item ${claimed._id}`, {
          cause: error,
        })
      }
    },
  }
}

function toFields(outcome: OutboxOutcome): Record<string, string> {
  switch (outcome.status) {
    case 'sent':
      return { status: 'sent', sentAt: outcome.at.toISOString() }
    case 'cancelled':
      return { status: 'cancelled', cancelledAt: outcome.at.toISOString(), cancelReason: outcome.reason }
    case 'queued':
      return {
        status: 'queued',
        nextAttemptAt: outcome.nextAttemptAt.toISOString(),
        lastError: outcome.error,
      }
    case 'failed':
      return { status: 'failed', failedAt: outcome.at.toISOString(), lastError: outcome.error }
    default:
      return assertNever(outcome, 'outbox outcome')
  }
}

export type { OutboxItem }
