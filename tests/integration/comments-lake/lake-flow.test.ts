// Comments, the mail outbox and one-click moderation against the embedded content lake (real @sanity/client over
// HTTP) and the mail catcher (real SMTP). Proves the Sanity-backed stores, not just the in-memory fakes.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyModeration, type ModerationDeps } from '@/lib/comments/moderate'
import { composeModerationMail } from '@/lib/comments/notify'
import { createSanityCommentStore, type CommentStore } from '@/lib/comments/store'
import { submitComment, type SubmitDeps } from '@/lib/comments/submit'
import { createFormToken } from '@/lib/comments/spam/fill-time'
import { approvedCommentsQuery } from '@/lib/content/queries'
import { runOutboxOnce, type OutboxDeps } from '@/lib/mail/outbox'
import { createSanityOutboxStore } from '@/lib/mail/outbox-store'
import { createSmtpMailer, type Mailer } from '@/lib/mail/transport'
import { createMemoryRateLimiter } from '@/lib/security/rate-limit'
import { deriveKey } from '@/lib/security/tokens'
import { startMailCatcher, type MailCatcher } from '@/scripts/mail-catcher/catcher'
import { startLake, type RunningLake } from '@/sanity/lake/server'

const ROOT_KEY = 'integration-root-key-0123456789abcdef'
const keys = {
  formTimestamp: deriveKey(ROOT_KEY, 'form-timestamp'),
  ipHash: deriveKey(ROOT_KEY, 'ip-hash'),
  moderation: deriveKey(ROOT_KEY, 'moderation-token'),
}
const SITE_URL = 'https://blog.example'

let dataDir: string
let lake: RunningLake
let catcher: MailCatcher
let editor: SanityClient
let anonymous: SanityClient
let store: CommentStore
const mailers: Mailer[] = []

const clientFor = (token?: string) =>
  createClient({
    projectId: lake.projectId,
    dataset: lake.dataset,
    apiHost: lake.url,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    // As lib/content/write-client.ts: the lake's `published` perspective leaves out dotted ids.
    perspective: 'raw',
    ...(token === undefined ? {} : { token }),
  })

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'comments-lake-'))
  lake = await startLake({ dataDir: join(dataDir, 'lake'), port: 0, storage: 'memory' })
  catcher = await startMailCatcher({ dataDir: join(dataDir, 'mail'), smtpPort: 0, httpPort: 0 })
  editor = clientFor(lake.tokens.editor)
  anonymous = clientFor()
  store = createSanityCommentStore(editor, randomUUID)
  await editor
    .transaction()
    .createOrReplace({
      _id: 'siteSettings',
      _type: 'siteSettings',
      title: 'Lakeside Blog',
      moderatorEmails: ['mod1@example.com', 'mod2@example.com'],
    })
    .createOrReplace({
      _id: 'post-leg-cramps',
      _type: 'post',
      title: 'Understanding Leg Cramps: Causes and Solutions',
      slug: { _type: 'slug', current: 'understanding-leg-cramps' },
      publishedAt: '2026-11-20T08:00:00.000Z',
      comments: { _type: 'commentSettings', mode: 'open' },
    })
    .commit({ visibility: 'sync' })
})

afterAll(async () => {
  mailers.forEach((mailer) => mailer.close())
  await catcher?.close()
  await lake?.close()
  await rm(dataDir, { recursive: true, force: true })
})

const submitDeps = (): SubmitDeps => ({
  store,
  limiter: createMemoryRateLimiter(),
  now: () => new Date(),
  newId: randomUUID,
  keys,
  fallbackModerators: [],
})

function anInput(body: string) {
  return {
    postId: 'post-leg-cramps',
    parentId: undefined,
    body,
    name: 'Ada',
    email: 'ada@example.com',
    website: 'https://ada.example',
    remember: false,
    honeypot: '',
    formToken: createFormToken(keys.formTimestamp, 'post-leg-cramps', new Date(Date.now() - 60_000)),
  }
}

function outboxDeps(smtpUrl: string): OutboxDeps {
  const mailer = createSmtpMailer(smtpUrl)
  mailers.push(mailer)
  const now = () => new Date()
  return {
    store: createSanityOutboxStore(editor),
    mailer,
    now,
    leaseMs: 60_000,
    maxAttempts: 5,
    backoff: { baseMs: 1, maxMs: 1 },
    compose: (item) =>
      composeModerationMail(item, {
        store,
        key: keys.moderation,
        siteUrl: SITE_URL,
        fromAddress: 'no-reply@blog.example',
        now,
      }),
  }
}

describe('comments on the content lake', () => {
  it('stores a comment with its outbox items in one transaction, hidden from anonymous readers', async () => {
    const result = await submitComment(
      anInput('Magnesium helped my night cramps.'),
      { ip: '203.0.113.5', userAgent: 'vitest' },
      submitDeps(),
    )
    expect(result).toMatchObject({ ok: true, status: 'pending' })
    if (!result.ok) return
    expect(result.commentId).toMatch(/^comment\./)
    const outbox = await editor.fetch('*[_type == "mailOutboxItem" && commentId == $id]{to, status}', {
      id: result.commentId,
    })
    expect(outbox).toHaveLength(2)
    expect(await anonymous.fetch('count(*[_type == "comment"])')).toBe(0)
    expect(await store.listOwnPendingComments('post-leg-cramps', [result.commentId])).toEqual([
      expect.objectContaining({ _id: result.commentId, name: 'Ada', parentId: null }),
    ])
    expect(
      await submitComment(
        anInput('Magnesium helped my night cramps.'),
        { ip: '203.0.113.5', userAgent: 'vitest' },
        submitDeps(),
      ),
    ).toEqual({
      ok: false,
      reason: 'duplicate',
    })
  })

  it('delivers each moderation mail exactly once with two workers, and the links approve once', async () => {
    await fetch(new URL('/api/messages', catcher.inboxUrl), { method: 'DELETE' })
    const result = await submitComment(
      anInput('Stretching before bed works for me.'),
      { ip: '203.0.113.6', userAgent: 'vitest' },
      submitDeps(),
    )
    if (!result.ok) throw new Error('not stored')

    const runs = await Promise.all([
      runOutboxOnce(outboxDeps(catcher.smtpUrl)),
      runOutboxOnce(outboxDeps(catcher.smtpUrl)),
    ])
    const sentNow = runs.reduce((sum, run) => sum + run.sent, 0)
    expect(sentNow).toBeGreaterThanOrEqual(2)
    const again = await runOutboxOnce(outboxDeps(catcher.smtpUrl))
    expect(again.sent).toBe(0)

    const mails = (await catcher.store.list()).filter((mail) => mail.text.includes('Stretching before bed'))
    expect(mails.map((mail) => mail.envelope.to[0]).sort()).toEqual(['mod1@example.com', 'mod2@example.com'])
    const toFirstModerator = mails.find((mail) => mail.envelope.to[0] === 'mod1@example.com')
    const approveUrl = /Approve it: (\S+)/.exec(toFirstModerator?.text ?? '')?.[1]
    const token = decodeURIComponent(new URL(approveUrl ?? 'https://x/').pathname.split('/').at(-1) ?? '')

    const revalidated: string[] = []
    const deps: ModerationDeps = {
      store,
      now: () => new Date(),
      key: keys.moderation,
      revalidatePostComments: (id) => revalidated.push(id),
    }
    expect(await applyModeration(token, deps)).toMatchObject({ ok: true, status: 'approved' })
    expect(await applyModeration(token, deps)).toMatchObject({
      ok: false,
      reason: 'already-decided',
      status: 'approved',
      byThisLink: true,
    })
    expect(revalidated).toEqual(['post-leg-cramps'])

    const stored = await editor.getDocument(result.commentId)
    expect(stored).toMatchObject({
      status: 'approved',
      auditTrail: [{ status: 'pending' }, { status: 'approved', channel: 'email', by: 'mod1@example.com' }],
    })
    const publicRows = await editor.fetch(approvedCommentsQuery, { postId: 'post-leg-cramps' })
    expect(JSON.stringify(publicRows)).not.toContain('ada@example.com')
    expect(publicRows).toEqual([
      expect.objectContaining({ _id: result.commentId, name: 'Ada', website: 'https://ada.example' }),
    ])
  })

  it('keeps moderation mail in the lake while SMTP is down and sends each one once when it is back', async () => {
    const probe = await startMailCatcher({ dataDir: join(dataDir, 'mail-later'), smtpPort: 0, httpPort: 0 })
    const laterUrl = probe.smtpUrl
    await probe.close()
    const result = await submitComment(
      anInput('Bananas before running help me.'),
      { ip: '203.0.113.8', userAgent: 'vitest' },
      submitDeps(),
    )
    if (!result.ok) throw new Error('not stored')
    const outboxOf = () =>
      editor.fetch('*[_type == "mailOutboxItem" && commentId == $id]{status, attempts, lastError}', {
        id: result.commentId,
      })

    const down = await runOutboxOnce(outboxDeps(laterUrl))
    expect(down.retried).toBeGreaterThanOrEqual(2)
    expect(await outboxOf()).toEqual([
      expect.objectContaining({ status: 'queued', attempts: 1 }),
      expect.objectContaining({ status: 'queued', attempts: 1 }),
    ])

    const later = await startMailCatcher({
      dataDir: join(dataDir, 'mail-later'),
      smtpPort: Number(new URL(laterUrl).port),
      httpPort: 0,
    })
    try {
      await new Promise((resolve) => setTimeout(resolve, 5))
      await Promise.all([runOutboxOnce(outboxDeps(laterUrl)), runOutboxOnce(outboxDeps(laterUrl))])
      await runOutboxOnce(outboxDeps(laterUrl))
      const caught = (await later.store.list()).filter((mail) => mail.text.includes('Bananas before running'))
      expect(caught.map((mail) => mail.envelope.to[0]).sort()).toEqual([
        'mod1@example.com',
        'mod2@example.com',
      ])
      expect(await outboxOf()).toEqual([
        expect.objectContaining({ status: 'sent', attempts: 2 }),
        expect.objectContaining({ status: 'sent', attempts: 2 }),
      ])
    } finally {
      await later.close()
    }
  })

  // Sanity's `published` perspective leaves out drafts and versions only, so a token-bearing reader sees `comment.*`.
  it('shows approved comments to the site’s read client (token, published perspective)', async () => {
    const result = await submitComment(
      anInput('Warm baths before bed.'),
      { ip: '203.0.113.9', userAgent: 'vitest' },
      submitDeps(),
    )
    if (!result.ok) throw new Error('not stored')
    await editor.patch(result.commentId).set({ status: 'approved' }).commit({ visibility: 'sync' })
    const siteReader = createClient({
      projectId: lake.projectId,
      dataset: lake.dataset,
      apiHost: lake.url,
      useProjectHostname: false,
      apiVersion: '2025-02-19',
      useCdn: false,
      perspective: 'published',
      token: lake.tokens.viewer,
    })
    const rows = await siteReader.fetch(approvedCommentsQuery, { postId: 'post-leg-cramps' })
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ _id: result.commentId })]))
  })
})

describe('a burst of comments on the content lake', () => {
  it(
    'stores 200 concurrent submissions exactly once and mails each moderator about each exactly once',
    { timeout: 180_000 },
    async () => {
      await editor
        .patch('siteSettings')
        .set({ commentPolicy: { _type: 'commentPolicy', rateLimitSitePerMinute: 1_000 } })
        .commit({ visibility: 'sync' })
      await fetch(new URL('/api/messages', catcher.inboxUrl), { method: 'DELETE' })
      const deps = submitDeps()
      const burst = `burst-${Date.now()}`
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          submitComment(
            { ...anInput(`Comment ${index} of the ${burst}.`), email: `reader${index}@example.com` },
            { ip: `198.51.${Math.floor(index / 250)}.${index % 250}`, userAgent: 'vitest' },
            deps,
          ),
        ),
      )
      expect(results.filter((result) => result.ok)).toHaveLength(200)
      const storedIds = await editor.fetch<string[]>('*[_type == "comment" && body match $burst]._id', {
        burst,
      })
      expect(new Set(storedIds).size).toBe(200)

      // Three workers race for the same outbox until nothing is left to send or retry.
      for (let round = 0; round < 40; round += 1) {
        const runs = await Promise.all([1, 2, 3].map(() => runOutboxOnce(outboxDeps(catcher.smtpUrl))))
        if (runs.every((run) => run.sent + run.retried + run.lost === 0)) break
      }
      const unsent = await editor.fetch<{ status: string; lastError?: string }[]>(
        '*[_type == "mailOutboxItem" && commentId in $ids && status != "sent"]{status, lastError}',
        { ids: storedIds },
      )
      expect(unsent).toEqual([])
      const mails = (await catcher.store.list()).filter((mail) => mail.text.includes(burst))
      const deliveries = mails.map(
        (mail) => `${mail.envelope.to[0]} ${/Comment (\d+) of/.exec(mail.text)?.[1]}`,
      )
      expect(deliveries).toHaveLength(400)
      expect(new Set(deliveries).size).toBe(400)
    },
  )
})
