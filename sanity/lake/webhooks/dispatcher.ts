import { appendFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
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
  enqueueFor(transaction: CommittedTransaction): Promise<void>
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

  for (const stored of await queueFile.load()) {
    // After a restart the receiver may be back already: retry soon instead of waiting out a long backoff.
    const delivery = {
      ...stored,
      nextAttemptAt: Math.min(stored.nextAttemptAt, Date.now() + options.retry.baseDelayMs),
    }
    pending.set(delivery.id, delivery)
    schedule(delivery)
  }

  return {
    async enqueueFor(transaction) {
      if (webhooks.length === 0) return
      const matches = await listWebhookMatches(
        webhooks,
        transaction,
        options.store.reader(transaction.dataset),
        {
          projectId: options.projectId,
          now: options.clock.now(),
          defaultDataset: options.defaultDataset,
        },
      )
      for (const match of matches) {
        const id = randomUUID()
        const delivery: Delivery = {
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
        pending.set(id, delivery)
        await queueFile.savePending(delivery)
        schedule(delivery)
      }
    },
    idle() {
      if (pending.size === 0) return Promise.resolve()
      return new Promise((resolve) => idleWaiters.push(resolve))
    },
    async close() {
      closed = true
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
      await Promise.allSettled([...inFlight])
    },
  }
}
