// Abuse of the comment path (issue #14) through the real form parser and submitComment on the embedded lake, with
// the site's default policy and in-memory limiter: what a stranger can close or fill for everyone else.
import { randomUUID } from 'node:crypto'
import { createClient, type SanityClient } from '@sanity/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMENT_FIELD } from '@/lib/comments/form-fields'
import { parseCommentForm } from '@/lib/comments/input'
import { createFormToken } from '@/lib/comments/spam/fill-time'
import { DEFAULT_COMMENT_POLICY } from '@/lib/comments/spam/policy'
import { createSanityCommentStore, type CommentStore } from '@/lib/comments/store'
import { submitComment, type SubmitDeps } from '@/lib/comments/submit'
import type { SubmitResult } from '@/lib/comments/submit-result'
import { createMemoryRateLimiter } from '@/lib/security/rate-limit'
import { deriveKey } from '@/lib/security/tokens'
import { startTestLake, TEST_API_VERSION, type TestLake } from '../support/lake.ts'

const ROOT_KEY = 'abuse-root-key-0123456789abcdef-xyz'
const keys = { formTimestamp: deriveKey(ROOT_KEY, 'form-timestamp'), ipHash: deriveKey(ROOT_KEY, 'ip-hash') }

let lake: TestLake
let writer: SanityClient
let store: CommentStore

beforeAll(async () => {
  lake = await startTestLake({ storage: 'memory', tlsPort: null })
  // As the site's write client (lib/content/write-client.ts): raw perspective, editor token.
  writer = createClient({
    projectId: lake.lake.projectId,
    dataset: lake.lake.dataset,
    apiHost: lake.lake.url,
    useProjectHostname: false,
    apiVersion: TEST_API_VERSION,
    useCdn: false,
    token: lake.lake.tokens.editor,
    perspective: 'raw',
  })
  store = createSanityCommentStore(writer, randomUUID)
  await writer.createOrReplace({
    _id: 'siteSettings',
    _type: 'siteSettings',
    title: 'Abuse',
    moderatorEmails: ['moderator@example.com'],
  })
})

afterAll(async () => {
  await lake?.stop()
})

async function aPost(label: string): Promise<string> {
  const _id = `post-abuse-${label}`
  await writer.createOrReplace({
    _id,
    _type: 'post',
    title: `Abuse: ${label}`,
    slug: { _type: 'slug', current: `abuse-${label}` },
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    comments: { _type: 'commentSettings', mode: 'open' },
  })
  return _id
}

/** One site process: one limiter shared by every request, as lib/comments/deps.ts holds it. */
function aSite(): SubmitDeps {
  return {
    store,
    limiter: createMemoryRateLimiter(),
    now: () => new Date(),
    newId: randomUUID,
    keys,
    fallbackModerators: [],
  }
}

type Post = { postId: string; parentId?: string; email: string; body?: string }

/** A post through the form parser, as the server action runs it. */
async function post(site: SubmitDeps, ip: string, fields: Post): Promise<SubmitResult | 'invalid'> {
  const form = new FormData()
  form.set(COMMENT_FIELD.postId, fields.postId)
  if (fields.parentId !== undefined) form.set(COMMENT_FIELD.parentId, fields.parentId)
  form.set(COMMENT_FIELD.body, fields.body ?? `A comment from ${ip} ${randomUUID()}`)
  form.set(COMMENT_FIELD.name, 'Reader')
  form.set(COMMENT_FIELD.email, fields.email)
  form.set(COMMENT_FIELD.honeypot, '')
  form.set(
    COMMENT_FIELD.formToken,
    createFormToken(keys.formTimestamp, fields.postId, new Date(Date.now() - 60_000)),
  )
  const parsed = parseCommentForm(form)
  if (!parsed.ok) return 'invalid'
  return submitComment(parsed.input, { ip, userAgent: 'vitest' }, site)
}

const countComments = (postId: string): Promise<number> =>
  writer.fetch('count(*[_type == "comment" && post._ref == $postId])', { postId })

describe('the site-wide comment budget', () => {
  it('is not spent by posts to missing posts or parents, each from its own address', async () => {
    const site = aSite()
    const postId = await aPost('missing-targets')
    const flood = DEFAULT_COMMENT_POLICY.globalPerMinute + 5
    const answers: Array<SubmitResult | 'invalid'> = []
    for (let n = 0; n < flood; n += 1) {
      const ip = `198.51.100.${n + 1}`
      answers.push(await post(site, ip, { postId: `post-does-not-exist-${n}`, email: `a${n}@example.com` }))
      answers.push(
        await post(site, ip, { postId, parentId: `comment.missing-${n}`, email: `b${n}@example.com` }),
      )
    }
    expect(
      new Set(answers.map((answer) => (answer === 'invalid' ? answer : answer.ok || answer.reason))),
    ).toEqual(new Set(['post-not-found', 'parent-not-found']))
    expect(await countComments(postId)).toBe(0)

    const reader = await post(site, '203.0.113.10', { postId, email: 'real-reader@example.com' })
    expect(reader).toMatchObject({ ok: true, status: 'pending' })
  })

  it('still stops a flood of real comments from many addresses', async () => {
    const site = aSite()
    const postId = await aPost('real-flood')
    const { globalPerMinute } = DEFAULT_COMMENT_POLICY
    for (let n = 0; n < globalPerMinute; n += 1) {
      expect(await post(site, `192.0.2.${n + 1}`, { postId, email: `f${n}@example.com` })).toMatchObject({
        ok: true,
      })
    }
    expect(await post(site, '192.0.2.200', { postId, email: 'late@example.com' })).toMatchObject({
      ok: false,
      reason: 'rate-limited',
    })
    expect(await countComments(postId)).toBe(globalPerMinute)
  })
})

describe('the per-visitor budget', () => {
  it('keys an IPv6 visitor by their /64, so rotating addresses in it gets no fresh budget', async () => {
    const site = aSite()
    const postId = await aPost('ipv6-rotation')
    const { perVisitorPerMinute } = DEFAULT_COMMENT_POLICY
    const answers: Array<SubmitResult | 'invalid'> = []
    for (let n = 0; n <= perVisitorPerMinute; n += 1)
      answers.push(
        await post(site, `2001:db8:ab:cd::${(n + 1).toString(16)}`, { postId, email: `v${n}@example.com` }),
      )
    expect(answers.slice(0, perVisitorPerMinute).every((answer) => answer !== 'invalid' && answer.ok)).toBe(
      true,
    )
    expect(answers.at(-1)).toMatchObject({ ok: false, reason: 'rate-limited' })

    const neighbour = await post(site, '2001:db8:ab:ce::1', { postId, email: 'neighbour@example.com' })
    expect(neighbour).toMatchObject({ ok: true })
  })
})

describe('comments on unpublished posts', () => {
  it('are refused like a missing post for drafts and release versions, and store or mail nothing', async () => {
    const site = aSite()
    const published = await aPost('unpublished')
    const copy = (_id: string) => ({
      _id,
      _type: 'post',
      title: `Secret draft title ${_id}`,
      slug: { _type: 'slug', current: `abuse-unpublished-${_id}` },
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
      comments: { _type: 'commentSettings', mode: 'open' },
    })
    const unpublished = [
      `drafts.${published}`,
      'drafts.post-abuse-never-published',
      `versions.r1.${published}`,
    ]
    for (const _id of unpublished) await writer.createOrReplace(copy(_id))

    const countMail = (): Promise<number> => writer.fetch('count(*[_type == "mailOutboxItem"])')
    const mailBefore = await countMail()
    const answers = []
    for (const [n, postId] of unpublished.entries())
      answers.push(await post(site, `192.0.2.${100 + n}`, { postId, email: `d${n}@example.com` }))
    expect(answers).toEqual(unpublished.map(() => ({ ok: false, reason: 'post-not-found' })))
    const stored = await writer.fetch<number>('count(*[_type == "comment" && post._ref in $ids])', {
      ids: unpublished,
    })
    expect({ stored, mailed: (await countMail()) - mailBefore }).toEqual({ stored: 0, mailed: 0 })

    expect(await post(site, '192.0.2.110', { postId: published, email: 'p@example.com' })).toMatchObject({
      ok: true,
    })
  })
})
