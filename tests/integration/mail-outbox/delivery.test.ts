// The outbox with real SMTP: nodemailer → the mail catcher. The outbox store is the in-memory one with
// revision checks (the content lake's HTTP server is not part of this repository yet).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  buildModerationOutboxItems,
  runOutboxOnce,
  type OutboxDeps,
  type OutboxItem,
} from '@/lib/mail/outbox'
import { createSmtpMailer, type Mailer } from '@/lib/mail/transport'
import { startMailCatcher, type MailCatcher } from '@/scripts/mail-catcher/catcher'
import { createMemoryOutboxStore } from '../../unit/lib/mail/memory-outbox-store'

const START = new Date('2026-11-25T12:00:00Z')
let dataDir: string
let catcher: MailCatcher | undefined
let mailers: Mailer[] = []

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mail-outbox-'))
})

afterEach(async () => {
  mailers.forEach((mailer) => mailer.close())
  mailers = []
  await catcher?.close()
  catcher = undefined
  await rm(dataDir, { recursive: true, force: true })
})

function outboxWorkerDeps(
  memory: ReturnType<typeof createMemoryOutboxStore>,
  smtpUrl: string,
  now: () => Date,
): OutboxDeps {
  const mailer = createSmtpMailer(smtpUrl)
  mailers.push(mailer)
  return {
    store: memory.store,
    mailer,
    now,
    leaseMs: 60_000,
    maxAttempts: 10,
    backoff: { baseMs: 1000, maxMs: 60_000 },
    compose: async (item: OutboxItem) => ({
      kind: 'send',
      message: {
        from: { name: 'Lakeside Blog', address: 'no-reply@blog.example' },
        to: [{ address: item.to }],
        subject: `Please moderate ${item.commentId}`,
        text: `For ${item.to}`,
        html: `<p>For ${item.to}</p>`,
      },
    }),
  }
}

describe('the mail outbox with a real SMTP server', () => {
  it('keeps mail while SMTP is down and delivers each message exactly once when it is back', async () => {
    // Find a free port, then take the server away: the first attempts meet a closed port.
    const probe = await startMailCatcher({ dataDir, smtpPort: 0, httpPort: 0 })
    const smtpPort = Number(new URL(probe.smtpUrl).port)
    const smtpUrl = probe.smtpUrl
    await probe.close()

    const moderators = ['one@example.com', 'two@example.com', 'three@example.com']
    let ids = 0
    const memory = createMemoryOutboxStore(
      buildModerationOutboxItems({
        commentId: 'comment.1',
        moderators,
        ipPrefix: 'x',
        now: START,
        newId: () => `m${(ids += 1)}`,
      }),
    )
    let now = START
    const clock = () => now
    const workers = [outboxWorkerDeps(memory, smtpUrl, clock), outboxWorkerDeps(memory, smtpUrl, clock)]

    const down = await Promise.all(workers.map((deps) => runOutboxOnce(deps)))
    expect(down.reduce((sum, run) => sum + run.retried, 0)).toBe(3)
    expect([...memory.items.values()].every((item) => item.status === 'queued' && item.attempts === 1)).toBe(
      true,
    )

    catcher = await startMailCatcher({ dataDir, smtpPort, httpPort: 0 })
    now = new Date(START.getTime() + 1000)
    const up = await Promise.all(workers.map((deps) => runOutboxOnce(deps)))
    expect(up.reduce((sum, run) => sum + run.sent, 0)).toBe(3)
    now = new Date(START.getTime() + 600_000)
    const later = await Promise.all(workers.map((deps) => runOutboxOnce(deps)))
    expect(later.reduce((sum, run) => sum + run.sent, 0)).toBe(0)

    const caught = await catcher.store.list()
    expect(caught.map((message) => message.envelope.to[0]).sort()).toEqual([...moderators].sort())
    expect([...memory.items.values()].map((item) => item.status)).toEqual(['sent', 'sent', 'sent'])
  })
})
