import { describe, expect, it } from 'vitest'
import {
  buildModerationOutboxItems,
  computeBackoffMs,
  isFullBatch,
  runOutboxOnce,
  type ComposeResult,
  type OutboxDeps,
} from '@/lib/mail/outbox'
import type { MailMessage, Mailer } from '@/lib/mail/transport'
import { createMemoryOutboxStore } from './memory-outbox-store'

const START = new Date('2026-11-25T12:00:00Z')
const message: MailMessage = {
  from: { address: 'f@example.com' },
  to: [{ address: 'm@example.com' }],
  subject: 's',
  text: 't',
  html: 'h',
}

function setup(moderators = ['a@example.com']) {
  let ids = 0
  const items = buildModerationOutboxItems({
    commentId: 'comment.1',
    moderators,
    ipPrefix: '203.0.113.x',
    now: START,
    newId: () => `i${(ids += 1)}`,
  })
  const memory = createMemoryOutboxStore(items)
  const sent: MailMessage[] = []
  let smtpUp = true
  const mailer: Mailer = {
    async send(mail) {
      if (!smtpUp) throw new Error('connect ECONNREFUSED 127.0.0.1:2525')
      sent.push(mail)
    },
    close() {},
  }
  let now = START
  const deps: OutboxDeps = {
    store: memory.store,
    mailer,
    compose: async (): Promise<ComposeResult> => ({ kind: 'send', message }),
    now: () => now,
    leaseMs: 60_000,
    maxAttempts: 3,
    backoff: { baseMs: 1000, maxMs: 10_000 },
  }
  return {
    memory,
    sent,
    deps,
    setSmtp: (up: boolean) => (smtpUp = up),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  }
}

describe('buildModerationOutboxItems', () => {
  it('makes one queued item per distinct moderator with a private outbox id', () => {
    const items = buildModerationOutboxItems({
      commentId: 'comment.1',
      moderators: ['A@example.com', 'a@example.com', 'b@example.com'],
      ipPrefix: 'x',
      now: START,
      newId: () => 'same',
    })
    expect(items.map((item) => [item._id, item.to, item.status, item.attempts])).toEqual([
      ['outbox.same', 'a@example.com', 'queued', 0],
      ['outbox.same', 'b@example.com', 'queued', 0],
    ])
  })
})

describe('runOutboxOnce', () => {
  it('sends a due item and marks it sent', async () => {
    const { memory, sent, deps } = setup()
    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 1 })
    expect(sent).toHaveLength(1)
    expect([...memory.items.values()][0]).toMatchObject({ status: 'sent', attempts: 1 })
    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 0 })
  })

  it('lets only one of two workers that read the same item send it', async () => {
    const { memory, sent, deps } = setup(['a@example.com', 'b@example.com'])
    // Both workers list the same due items before either claims: the revision decides who sends.
    const listed = await memory.store.listDue(START, 10)
    const sharedList = { ...memory.store, listDue: async () => listed.map((item) => ({ ...item })) }
    const [first, second] = await Promise.all([
      runOutboxOnce({ ...deps, store: sharedList }),
      runOutboxOnce({ ...deps, store: sharedList }),
    ])
    expect(first.sent + second.sent).toBe(2)
    expect(first.lost + second.lost).toBe(2)
    expect(sent).toHaveLength(2)
  })

  it('retries with exponential back-off while SMTP is down, then sends exactly once', async () => {
    const { memory, sent, deps, setSmtp, advance } = setup()
    setSmtp(false)
    expect(await runOutboxOnce(deps)).toMatchObject({ retried: 1 })
    const [item] = memory.items.values()
    expect(item).toMatchObject({
      status: 'queued',
      attempts: 1,
      nextAttemptAt: new Date(START.getTime() + 1000).toISOString(),
    })
    expect(item?.lastError).toContain('ECONNREFUSED')

    expect(await runOutboxOnce(deps)).toMatchObject({ retried: 0, sent: 0 })
    advance(1000)
    expect(await runOutboxOnce(deps)).toMatchObject({ retried: 1 })
    expect([...memory.items.values()][0]?.nextAttemptAt).toBe(
      new Date(START.getTime() + 1000 + 2000).toISOString(),
    )

    setSmtp(true)
    advance(2000)
    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 1 })
    advance(60_000)
    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 0 })
    expect(sent).toHaveLength(1)
  })

  it('gives up after the maximum number of attempts', async () => {
    const { memory, deps, setSmtp, advance } = setup()
    setSmtp(false)
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await runOutboxOnce(deps)
      advance(10_000)
    }
    expect([...memory.items.values()][0]).toMatchObject({ status: 'failed', attempts: 3 })
    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 0, retried: 0, failed: 0 })
  })

  it('cancels an item whose mail is no longer needed', async () => {
    const { memory, sent, deps } = setup()
    await runOutboxOnce({
      ...deps,
      compose: async () => ({ kind: 'cancel', reason: 'comment already approved' }),
    })
    expect(sent).toEqual([])
    expect([...memory.items.values()][0]).toMatchObject({
      status: 'cancelled',
      cancelReason: 'comment already approved',
    })
  })

  it('takes over an item whose sender stopped before finishing, once its lease ran out', async () => {
    const { memory, sent, deps, advance } = setup()
    const [due] = await memory.store.listDue(START, 1)
    if (due === undefined) throw new Error('nothing due')
    await memory.store.claim(due, new Date(START.getTime() + deps.leaseMs))
    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 0 })
    advance(deps.leaseMs)
    expect(await runOutboxOnce(deps)).toMatchObject({ sent: 1 })
    expect(sent).toHaveLength(1)
    expect([...memory.items.values()][0]).toMatchObject({ status: 'sent', attempts: 2 })
  })
})

describe('computeBackoffMs', () => {
  it('doubles from the base and stops at the cap', () => {
    const backoff = { baseMs: 30_000, maxMs: 3_600_000 }
    expect([1, 2, 3, 4, 10, 30].map((attempt) => computeBackoffMs(attempt, backoff))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ])
  })
})

describe('isFullBatch', () => {
  const summary = { sent: 0, retried: 0, failed: 0, cancelled: 0, lost: 0 }
  it('says more may be due when a run handled a whole batch, whatever became of each item', () => {
    expect(isFullBatch({ ...summary, sent: 15, lost: 3, retried: 2 }, 20)).toBe(true)
    expect(isFullBatch({ ...summary, sent: 19 }, 20)).toBe(false)
  })
})
