// An OutboxStore with the content store's revision semantics, for tests: every write makes a new `_rev`,
// and a write naming an old one is refused like an `ifRevisionID` mismatch.
import type { NewOutboxItem, OutboxItem, OutboxOutcome, OutboxStore } from '@/lib/mail/outbox'

export type StoredOutboxItem = OutboxItem & Record<string, unknown>

export function createMemoryOutboxStore(initial: readonly NewOutboxItem[] = []) {
  const items = new Map<string, StoredOutboxItem>()
  let revision = 0
  const nextRev = () => `rev-${(revision += 1)}`
  const put = (item: NewOutboxItem) => items.set(item._id, { ...item, _rev: nextRev(), leaseUntil: null })
  initial.forEach(put)

  const store: OutboxStore = {
    async listDue(now, limit) {
      return [...items.values()]
        .filter(
          (item) =>
            (item.status === 'queued' && Date.parse(item.nextAttemptAt) <= now.getTime()) ||
            (item.status === 'sending' &&
              item.leaseUntil != null &&
              Date.parse(item.leaseUntil) <= now.getTime()),
        )
        .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt))
        .slice(0, limit)
        .map((item) => ({ ...item }))
    },
    async claim(item, leaseUntil) {
      const current = items.get(item._id)
      if (current === undefined || current._rev !== item._rev) return null
      const claimed = {
        ...current,
        status: 'sending' as const,
        leaseUntil: leaseUntil.toISOString(),
        attempts: current.attempts + 1,
        _rev: nextRev(),
      }
      items.set(item._id, claimed)
      return { ...claimed }
    },
    async settle(claimed, outcome: OutboxOutcome) {
      const current = items.get(claimed._id)
      if (current === undefined || current._rev !== claimed._rev) return false
      const common = { ...current, leaseUntil: null, _rev: nextRev() }
      switch (outcome.status) {
        case 'sent':
          items.set(claimed._id, { ...common, status: 'sent', sentAt: outcome.at.toISOString() })
          break
        case 'cancelled':
          items.set(claimed._id, { ...common, status: 'cancelled', cancelReason: outcome.reason })
          break
        case 'queued':
          items.set(claimed._id, {
            ...common,
            status: 'queued',
            nextAttemptAt: outcome.nextAttemptAt.toISOString(),
            lastError: outcome.error,
          })
          break
        case 'failed':
          items.set(claimed._id, { ...common, status: 'failed', lastError: outcome.error })
          break
      }
      return true
    },
  }
  return { store, items, add: put }
}
