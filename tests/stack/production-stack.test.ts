// The production shape (`npm run start:stack`): two `next start` instances in hosted configuration sharing Redis,
// behind the nginx cache front, with the lake standing in for hosted Sanity and the mail catcher for SMTP. The
// lake's webhooks go to instance 1 only, so whatever instance 2 and the front show of a publish came through Redis.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MODERATION_SETTINGS_ID } from '@/lib/content/limits'
import {
  listMail,
  openCommentForm,
  SEED_POST,
  startTestStack,
  submitCommentForm,
  type TestStack,
} from '../support/stack'

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
}, 600_000)
afterAll(async () => {
  await stack?.stop()
}, 60_000)

const WATER_POST = { id: 'post-how-much-water', path: '/posts/how-much-water-do-you-really-need' }

async function pollUntil<T>(what: string, read: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read().catch(() => null)
    if (value !== null) return value
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}\n${stack.output().slice(-3000)}`)
    await new Promise((done) => setTimeout(done, 50))
  }
}

/** Publishes a new title and returns how long each URL took to show it (ms). */
async function publishAndTime(urls: readonly string[]): Promise<Map<string, number>> {
  const title = `Hydration, revised ${randomUUID().slice(0, 8)}`
  const started = Date.now()
  await stack.editor.patch(WATER_POST.id).set({ title }).commit()
  const seen = new Map<string, number>()
  await pollUntil(
    `"${title}" on ${urls.join(', ')}`,
    async () => {
      for (const url of urls) {
        if (seen.has(url)) continue
        const html = await (await fetch(`${url}${WATER_POST.path}`)).text()
        if (html.includes(title)) seen.set(url, Date.now() - started)
      }
      return seen.size === urls.length ? seen : null
    },
    10_000,
  )
  return seen
}

async function setCommentPolicy(policy: Record<string, number>): Promise<void> {
  const set = Object.fromEntries(
    Object.entries(policy).map(([field, value]) => [`commentPolicy.${field}`, value]),
  )
  await stack.editor.patch(MODERATION_SETTINGS_ID).set(set).commit()
}

/** The stored comments' statuses by marker: every accepted comment must be there, and pending (not trapped). */
async function storedStatuses(markers: readonly string[]): Promise<Record<string, string>> {
  const rows = await stack.editor.fetch<{ email: string; status: string }[]>(
    '*[_type == "comment" && email in $emails]{email, status}',
    { emails: markers.map((marker) => `${marker}@stack.example`) },
  )
  return Object.fromEntries(rows.map(({ email, status }) => [email.replace('@stack.example', ''), status]))
}

const allPending = (markers: readonly string[]) =>
  Object.fromEntries(markers.map((marker) => [marker, 'pending']))

/** Waits until each marker's moderation mail arrived; returns how many each got (1 when sent exactly once). */
async function moderationMailCounts(markers: readonly string[], timeoutMs: number): Promise<number[]> {
  return pollUntil(
    'one moderation mail per accepted comment',
    async () => {
      const all = await listMail(stack.inboxUrl)
      const counts = markers.map((marker) => all.filter((mail) => mail.text.includes(`${marker}:`)).length)
      return counts.every((count) => count >= 1) ? counts : null
    },
    timeoutMs,
  )
}

describe('npm run start:stack', () => {
  it('shows a publish through the front and on both instances within 2 s, though only instance 1 got the webhook', async () => {
    const timings = await publishAndTime([stack.frontUrl, ...stack.siteUrls])
    for (const ms of timings.values()) expect(ms).toBeLessThan(2_000)
    // Served by the front's cache, not passed through.
    const response = await fetch(`${stack.frontUrl}${WATER_POST.path}`)
    expect(response.headers.get('x-front-cache')).toMatch(/HIT|STALE|UPDATING|MISS/)
    expect((await fetch(`${stack.frontUrl}${WATER_POST.path}`)).headers.get('x-front-cache')).toBe('HIT')
  })

  it('never caches a POST, an /api answer or a draft-mode request at the front', async () => {
    const api = await fetch(`${stack.frontUrl}/api/comments/form-token?postId=${SEED_POST.id}`)
    expect(api.headers.get('x-front-cache')).toBeNull()
    const draft = await fetch(`${stack.frontUrl}/`, { headers: { cookie: '__prerender_bypass=1' } })
    expect(draft.headers.get('x-front-cache')).toBe('BYPASS')
  })

  it('counts one rate limit across both instances, stores every accepted comment and mails it once', async () => {
    await setCommentPolicy({ rateLimitPerMinute: 3, rateLimitPerHour: 100, rateLimitSitePerMinute: 1_000 })
    const run = randomUUID().slice(0, 8)
    // One reader (one address, as the front reports it) with the article open on each instance.
    const reader = { 'x-forwarded-for': '198.51.100.23' }
    const forms = await Promise.all(stack.siteUrls.map((url) => openCommentForm(url, reader)))
    const answers: { marker: string; kind: string }[] = []
    for (let n = 0; n < 6; n++) {
      const marker = `limit-${run}-${n}`
      const form = forms[n % 2]
      if (form === undefined) throw new Error('no form')
      answers.push({ marker, kind: (await submitCommentForm(form, marker)).kind })
    }
    expect(answers.map(({ kind }) => kind)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'rate-limited',
      'rate-limited',
      'rate-limited',
    ])
    // Through the front a client's own X-Forwarded-For changes nothing: the front overwrites it with the address
    // it saw, so a fresh header per request earns no fresh budget.
    const front = await openCommentForm(stack.frontUrl)
    for (let n = 0; n < 4; n++) {
      const marker = `limit-${run}-front-${n}`
      const answer = await submitCommentForm(front, marker, { 'x-forwarded-for': `203.0.113.${n + 1}` })
      answers.push({ marker, kind: answer.kind })
    }
    expect(answers.slice(6).map(({ kind }) => kind)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'rate-limited',
    ])
    const accepted = answers.filter(({ kind }) => kind === 'accepted').map(({ marker }) => marker)
    expect(await storedStatuses(accepted)).toEqual(allPending(accepted))
    // Each is mailed to the moderator exactly once, whichever instance's outbox worker sent it.
    expect(await moderationMailCounts(accepted, 60_000)).toEqual(accepted.map(() => 1))
  }, 120_000)

  it('sends each moderation mail once when 40 comments arrive at once through both instances', async () => {
    await setCommentPolicy({
      rateLimitPerMinute: 1_000,
      rateLimitPerHour: 1_000,
      rateLimitSitePerMinute: 1_000,
    })
    const run = randomUUID().slice(0, 8)
    // Ten readers on each instance, two comments each, all at once: both instances' outbox workers race for them.
    const forms = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        openCommentForm(stack.siteUrls[n % 2] ?? '', { 'x-forwarded-for': `198.51.100.${150 + n}` }),
      ),
    )
    const outcomes = await Promise.all(
      forms.flatMap((form, n) =>
        [0, 1].map(async (k) => {
          const marker = `burst-${run}-${n}-${k}`
          return { marker, kind: (await submitCommentForm(form, marker)).kind }
        }),
      ),
    )
    expect(outcomes.map(({ kind }) => kind)).toEqual(outcomes.map(() => 'accepted'))
    const markers = outcomes.map(({ marker }) => marker)
    expect(await storedStatuses(markers)).toEqual(allPending(markers))
    expect(await moderationMailCounts(markers, 60_000)).toEqual(markers.map(() => 1))
  }, 120_000)

  it('loses no acknowledged comment when an instance is killed with SIGKILL under load', async () => {
    await setCommentPolicy({
      rateLimitPerMinute: 1_000,
      rateLimitPerHour: 1_000,
      rateLimitSitePerMinute: 1_000,
    })
    const run = randomUUID().slice(0, 8)
    const victims = await stack.instancePids(1)
    expect(victims.length).toBeGreaterThan(0)
    // 24 readers open the article through the front, then post one after another, 40 ms apart.
    const forms = await Promise.all(Array.from({ length: 24 }, () => openCommentForm(stack.frontUrl)))
    const load = Promise.all(
      forms.map(async (form, n) => {
        const marker = `kill-${run}-${n}`
        await new Promise((done) => setTimeout(done, n * 40))
        const answer = await submitCommentForm(form, marker).catch((error: unknown) => ({
          kind: 'other' as const,
          message: String(error),
        }))
        return { marker, kind: answer.kind }
      }),
    )
    // Half-way through the posts, instance 2 dies without a chance to finish anything.
    await new Promise((done) =>
      setTimeout(done, forms[0] === undefined ? 0 : forms[0].openedAt + 3_250 + 480 - Date.now()),
    )
    for (const pid of victims) process.kill(pid, 'SIGKILL')
    const outcomes = await load
    const acknowledged = outcomes.filter(({ kind }) => kind === 'accepted').map(({ marker }) => marker)
    // Round robin sends about half the posts to the killed instance, and nginx never retries a POST elsewhere: what
    // counts is that the load was real and that every acknowledged comment is there.
    expect(acknowledged.length).toBeGreaterThanOrEqual(forms.length / 4)
    expect(await storedStatuses(acknowledged)).toEqual(allPending(acknowledged))
    // And none lost its moderation mail: each has its outbox item, stored in the same transaction. An item the
    // killed instance had claimed is sent by the other once its lease runs out (2 minutes), so it is not awaited.
    const items = await stack.editor.fetch<{ email: string; items: number }[]>(
      '*[_type == "comment" && email in $emails]{email, "items": count(*[_type == "mailOutboxItem" && commentId == ^._id])}',
      { emails: acknowledged.map((marker) => `${marker}@stack.example`) },
    )
    expect(items.map(({ items: count }) => count)).toEqual(acknowledged.map(() => 1))
    // The stack starts the instance again, as a process manager would.
    await pollUntil(
      'instance 2 to be back',
      async () => ((await fetch(`${stack.siteUrls[1]}/`)).ok ? true : null),
      90_000,
    )
  }, 240_000)

  it('serves readers and takes comments while Redis is down, then shares cache and limits again without a restart', async () => {
    await stack.redis.pause()
    try {
      // Past the front's cache (a query string it has not seen), so the instances answer from their own memory.
      for (const url of [stack.frontUrl, ...stack.siteUrls]) {
        const response = await fetch(`${url}/?while-redis-down=${randomUUID()}`)
        expect(response.status).toBe(200)
      }
      const marker = `redis-down-${randomUUID().slice(0, 8)}`
      const form = await openCommentForm(stack.siteUrls[0], { 'x-forwarded-for': '198.51.100.80' })
      expect(await submitCommentForm(form, marker)).toEqual({ kind: 'accepted' })
      expect(await storedStatuses([marker])).toEqual(allPending([marker]))
      expect(stack.output()).toMatch(/\[redis\] .*is unreachable/)
    } finally {
      await stack.redis.start()
    }
    // Each instance's page cache reconnects on its own back-off (at most 2 s); both served pages during the outage,
    // so both say when they are back. Until then an instance answers from its own memory, as it should.
    const pageCacheBack = (site: number) => new RegExp(`\\[site-${site}\\] \\[redis\\] page cache: .*is back`)
    await pollUntil(
      'both instances to say their page cache is back',
      async () => ([1, 2].every((site) => pageCacheBack(site).test(stack.output())) ? true : null),
      30_000,
    )
    // Shared cache: a publish seen by instance 1 only reaches instance 2 through Redis.
    const timings = await publishAndTime(stack.siteUrls)
    for (const ms of timings.values()) expect(ms).toBeLessThan(2_000)
    // Shared limits: the per-visitor budget holds across instances again, once each has reconnected (its own
    // back-off, at most 2 s): a visitor's one comment on instance 1 spends the budget on instance 2.
    await setCommentPolicy({ rateLimitPerMinute: 1, rateLimitPerHour: 100, rateLimitSitePerMinute: 1_000 })
    const run = randomUUID().slice(0, 8)
    let attempt = 0
    await pollUntil(
      'the per-visitor limit to hold across instances again',
      async () => {
        attempt += 1
        const reader = { 'x-forwarded-for': `198.51.100.${100 + attempt}` }
        const [one, two] = await Promise.all(stack.siteUrls.map((url) => openCommentForm(url, reader)))
        if (one === undefined || two === undefined) throw new Error('no form')
        const first = await submitCommentForm(one, `back-${run}-${attempt}-a`)
        const second = await submitCommentForm(two, `back-${run}-${attempt}-b`)
        return first.kind === 'accepted' && second.kind === 'rate-limited' ? true : null
      },
      30_000,
    )
  }, 180_000)
})
