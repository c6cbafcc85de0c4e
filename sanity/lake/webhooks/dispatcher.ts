import { appendFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { encodeSignatureHeader } from '@sanity/webhook'
import type { Clock } from '../core/clock.ts'
import type { CommittedTransaction } from '../core/transaction.ts'
import type { DocumentStore } from '../storage/document-store.ts'
import type { WebhookDefinition } from './definition.ts'
import { DeliveryQueueFile, type Delivery } from './delivery-queue.ts'
import { compileWebhook, listWebhookMatches, type CompiledWebhook } from './selection.ts'

export type RetryPolicy = { baseDelayMs: number; maxAttempts: number; timeoutMs: number }
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 1000, maxAttempts: 8, timeoutMs: 10_000 }

export type WebhookDispatcher = {
  /** Queues the deliveries of the transaction at log position `seq`; calls are serialised. */
  enqueueFor(transaction: CommittedTransaction, seq: number): Promise<void>
  /** Resolves when no delivery is pending (tests and shutdown). */
  idle(): Promise<void>
  close(): Promise<void>
}

type DispatcherOptions = {
  definitions: WebhookDefinition[]
  queuePath: string
  attemptLogPath: string
  store: DocumentStore
  clock: Clock
  projectId: string
  defaultDataset: string
  retry: RetryPolicy
}

type AttemptOutcome = 'delivered' | 'retrying' | 'failed'

/** Delivers signed webhook requests with bounded exponential backoff; pending ones are persisted. */
export async function createWebhookDispatcher(options: DispatcherOptions): Promise<WebhookDispatcher> {
  const webhooks: CompiledWebhook[] = options.definitions.map(compileWebhook)
  const secrets = new Map(options.definitions.map((definition) => [definition.name, definition.secret]))
  const queueFile = new DeliveryQueueFile(options.queuePath)
  const pending = new Map<string, Delivery>()
  const timers = new Map<string, NodeJS.Timeout>()
  const inFlight = new Set<Promise<void>>()
  let closed = false
  let idleWaiters: (() => void)[] = []

  const settleIdle = (): void => {
    if (pending.size > 0) return
    for (const resolve of idleWaiters) resolve()
    idleWaiters = []
  }

  const logAttempt = async (
    delivery: Delivery,
    outcome: AttemptOutcome,
    detail: { status?: number; error?: string },
  ): Promise<void> => {
    const line = {
      at: options.clock.now().toISOString(),
      delivery: delivery.id,
      webhook: delivery.webhook,
      url: delivery.url,
      attempt: delivery.attempts,
      outcome,
      ...detail,
    }
    await appendFile(options.attemptLogPath, JSON.stringify(line) + '\n', { mode: 0o600 })
  }

  const schedule = (delivery: Delivery): void => {
    if (closed) return
    const delay = Math.max(0, delivery.nextAttemptAt - Date.now())
    timers.set(
      delivery.id,
      setTimeout(() => {
        timers.delete(delivery.id)
        const run = attempt(delivery).finally(() => inFlight.delete(run))
        inFlight.add(run)
      }, delay),
    )
  }

  const attempt = async (delivery: Delivery): Promise<void> => {
    const current: Delivery = { ...delivery, attempts: delivery.attempts + 1 }
    const headers: Record<string, string> = { ...current.headers }
    const secret = secrets.get(current.webhook)
    // Signed per attempt with a fresh timestamp, over exactly the bytes sent.
    if (secret)
      headers['sanity-webhook-signature'] = await encodeSignatureHeader(current.body, Date.now(), secret)
    let status: number | undefined
    let error: string | undefined
    try {
      const response = await fetch(current.url, {
        method: 'POST',
        headers,
        body: current.body,
        signal: AbortSignal.timeout(options.retry.timeoutMs),
      })
      status = response.status
      await response.arrayBuffer().catch(() => undefined)
    } catch (cause) {
      error = cause instanceof Error ? cause.message : 'request failed'
    }
    const retryable = status === undefined || status >= 500 || status === 429 || status === 408
    const delivered = status !== undefined && status >= 200 && status < 300
    const outcome: AttemptOutcome = delivered
      ? 'delivered'
      : retryable && current.attempts < options.retry.maxAttempts
        ? 'retrying'
        : 'failed'
    await logAttempt(current, outcome, { status, error })
    if (outcome === 'retrying') {
      const next = {
        ...current,
        nextAttemptAt: Date.now() + options.retry.baseDelayMs * 2 ** (current.attempts - 1),
      }
      pending.set(next.id, next)
      await queueFile.savePending(next)
      schedule(next)
      return
    }
    pending.delete(current.id)
    await queueFile.saveSettled(current.id)
    settleIdle()
  }

  const loaded = await queueFile.load()
  for (const stored of loaded.deliveries) {
    // After a restart the receiver may be back already: retry soon instead of waiting out a long backoff.
    const delivery = {
      ...stored,
      nextAttemptAt: Math.min(stored.nextAttemptAt, Date.now() + options.retry.baseDelayMs),
    }
    pending.set(delivery.id, delivery)
    schedule(delivery)
  }

  const buildDeliveries = async (transaction: CommittedTransaction): Promise<Delivery[]> => {
    if (webhooks.length === 0) return []
    const matches = await listWebhookMatches(
      webhooks,
      transaction,
      options.store.reader(transaction.dataset),
      { projectId: options.projectId, now: options.clock.now(), defaultDataset: options.defaultDataset },
    )
    return matches.map((match) => {
      // Derived from the transaction, so a delivery derived again after a crash keeps its id and
      // its idempotency key, and receivers can drop the duplicate.
      const id = buildDeliveryId(transaction.id, match.webhook.definition.name, match.documentId)
      return {
        id,
        webhook: match.webhook.definition.name,
        url: match.webhook.definition.url,
        body: match.body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'lakeside-lake-webhooks',
          'sanity-operation': match.operation,
          'sanity-document-id': match.documentId,
          'sanity-transaction-id': transaction.id,
          'sanity-transaction-time': transaction.timestamp,
          'sanity-dataset': transaction.dataset,
          'sanity-project-id': options.projectId,
          'sanity-webhook-id': match.webhook.definition.name,
          'idempotency-key': id,
        },
        attempts: 0,
        nextAttemptAt: Date.now(),
      }
    })
  }

  // Without webhooks nothing is owed: start counting from now, so webhooks configured later do
  // not replay old transactions.
  let through =
    loaded.through === null || webhooks.length === 0 ? options.store.history.lastSeq : loaded.through
  const queue = async (transaction: CommittedTransaction, seq: number): Promise<void> => {
    if (seq <= through) return
    if (webhooks.length === 0) {
      through = seq
      return
    }
    const deliveries = (await buildDeliveries(transaction)).filter((delivery) => !pending.has(delivery.id))
    await queueFile.saveQueued(deliveries, seq)
    through = seq
    for (const delivery of deliveries) {
      pending.set(delivery.id, delivery)
      schedule(delivery)
    }
  }

  // Transactions committed after the marker were acknowledged but may never have been queued
  // (the process died in between): the transaction log still has them, so queue them now.
  if (loaded.through !== through) await queueFile.saveQueued([], through)
  const startedThrough = through
  for (const entry of options.store.history.listSince(through)) await queue(entry.transaction, entry.seq)

  let tail: Promise<void> = Promise.resolve()
  return {
    enqueueFor(transaction, seq) {
      const next = tail.then(() => queue(transaction, seq))
      tail = next.catch(() => undefined)
      return next
    },
    async idle() {
      // Transactions still being turned into deliveries count as pending work.
      await tail
      if (pending.size === 0) return
      await new Promise<void>((resolve) => idleWaiters.push(resolve))
    },
    async close() {
      await tail
      // Without webhooks the marker is only written here, to spare every commit an extra append.
      if (webhooks.length === 0 && through > startedThrough) await queueFile.saveQueued([], through)
      closed = true
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
      await Promise.allSettled([...inFlight])
    },
  }
}

function buildDeliveryId(transactionId: string, webhook: string, documentId: string): string {
  const hex = createHash('sha256').update(`${transactionId}\u0000${webhook}\u0000${documentId}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
