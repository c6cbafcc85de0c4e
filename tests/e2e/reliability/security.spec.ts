import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { encodeSignatureHeader } from '@sanity/webhook'
import { createModerationToken, deriveKey, signValue } from '../../../lib/security/tokens.ts'
import { createEditorClient, SEED_POST_PATH } from '../../support/e2e-content.ts'
import { listCaughtMail } from '../../support/e2e-mail.ts'
import {
  approveLinkFor,
  createOwnPost,
  fillComment,
  MIN_FILL_MS,
  newReader,
  readCommentSigningKey,
  readSiteSecrets,
  readWebhookSecret,
  RUN,
} from '../../support/e2e-reliability.ts'

const ACCEPTED = 'Thank you! Your comment is awaiting moderation.'
const STATIC_DIR = resolve(import.meta.dirname, '../../../.next/static')

/** Posts a comment through the form and returns the Approve link mailed for it. */
async function postAndGetApproveLink(
  page: Page,
  postPath: string,
  email: string,
  body: string,
): Promise<string> {
  await page.goto(postPath)
  await fillComment(page, { body, name: 'Secret Keeper', email, website: '' })
  await page.waitForTimeout(MIN_FILL_MS)
  await page.getByRole('button', { name: 'Post Comment' }).click()
  await expect(page.getByRole('status').filter({ hasText: ACCEPTED })).toBeVisible()
  return approveLinkFor(email, listCaughtMail)
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

test.describe('security headers', () => {
  for (const path of ['/', SEED_POST_PATH, '/feed.xml', '/this-page-does-not-exist']) {
    test(`${path} is served with a content security policy, nosniff, a referrer policy and no framing`, async ({
      request,
    }) => {
      const response = await request.get(path, { failOnStatusCode: false })
      const headers = response.headers()
      expect(headers['x-content-type-options']).toBe('nosniff')
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
      expect(headers['x-frame-options']).toBe('DENY')
      const csp = headers['content-security-policy'] ?? ''
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).toContain("base-uri 'self'")
      expect(csp).toMatch(/script-src 'self' 'unsafe-inline'(;|$)/)
      expect(headers['x-powered-by']).toBeUndefined()
    })
  }

  test('the site works under its policy: pages, lake images and the comment action report no violation', async ({
    browser,
  }) => {
    const reader = await newReader(browser)
    const violations: string[] = []
    reader.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
    })
    await reader.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`)
      })
    })
    await reader.goto('/')
    const post = await createOwnPost('csp')
    await expect(async () => {
      expect((await reader.goto(post.path))?.status()).toBe(200)
    }).toPass({ timeout: 30_000 })
    const cover = reader.locator('img.post__cover, .post__cover img').first()
    await expect(cover).toBeVisible()
    expect(await cover.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(
      true,
    )
    await fillComment(reader, {
      body: `Posting under the policy ${RUN}`,
      name: 'Policy Reader',
      email: `rel-${RUN}-csp@example.com`,
      website: '',
    })
    await reader.waitForTimeout(MIN_FILL_MS)
    await reader.getByRole('button', { name: 'Post Comment' }).click()
    await expect(reader.getByRole('status').filter({ hasText: ACCEPTED })).toBeVisible()
    await reader.goto(await approveLinkFor(`rel-${RUN}-csp@example.com`, listCaughtMail))
    await reader.getByRole('button', { name: 'Approve comment' }).click()
    await expect(reader.getByRole('status')).toContainText(/approved/i)
    expect(violations).toEqual([])
  })
})

test('no secret, token or commenter email reaches the static bundle, pages, RSC payloads, feeds or the sitemap', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000)
  const post = await createOwnPost('secrets')
  const email = `rel-${RUN}-private@example.com`
  const reader = await newReader(browser)
  const approveLink = await postAndGetApproveLink(reader, post.path, email, `Keep my address private ${RUN}`)
  await reader.goto(approveLink)
  await reader.getByRole('button', { name: 'Approve comment' }).click()
  await expect(reader.getByRole('status')).toContainText(/approved/i)

  const secrets = await readSiteSecrets()
  const signingKey = await readCommentSigningKey()
  const derived = (['moderation-token', 'form-timestamp', 'commenter-cookie', 'ip-hash'] as const).flatMap(
    (purpose) => {
      const key = deriveKey(signingKey, purpose)
      return [key.toString('hex'), key.toString('base64url'), key.toString('base64')]
    },
  )
  const needles = [...secrets, ...derived, email]
  expect(secrets.length).toBeGreaterThanOrEqual(5)

  const findings: string[] = []
  for (const file of await listFiles(STATIC_DIR)) {
    const text = await readFile(file, 'latin1')
    for (const needle of needles)
      if (text.includes(needle)) findings.push(`${file} contains ${needle.slice(0, 6)}…`)
  }

  await expect(async () => {
    const page = await request.get(post.path)
    expect(await page.text()).toContain(`Keep my address private ${RUN}`)
  }).toPass({ timeout: 30_000 })
  const home = await (await request.get('/')).text()
  const linked = [...home.matchAll(/href="(\/(?:category|author)\/[^"#?]+)"/g)]
    .map((match) => match[1] ?? '')
    .slice(0, 4)
  const paths = [
    '/',
    '/page/2',
    post.path,
    SEED_POST_PATH,
    '/feed.xml',
    '/atom.xml',
    '/sitemap.xml',
    '/robots.txt',
    ...linked,
  ]
  for (const path of paths) {
    for (const rsc of [false, true]) {
      const response = await request.get(path, { headers: rsc ? { RSC: '1' } : {}, failOnStatusCode: false })
      expect(response.status(), `${path}${rsc ? ' (RSC)' : ''}`).toBeLessThan(400)
      const text = await response.text()
      for (const needle of needles)
        if (text.includes(needle))
          findings.push(`${path}${rsc ? ' (RSC)' : ''} contains ${needle.slice(0, 6)}…`)
    }
  }
  expect(findings).toEqual([])
})

test.describe('moderation links', () => {
  test('refuse tampered, unsigned, foreign-key and expired tokens, and act only once when replayed', async ({
    browser,
  }) => {
    test.setTimeout(120_000)
    const post = await createOwnPost('moderation')
    const email = `rel-${RUN}-moderated@example.com`
    const reader = await newReader(browser)
    const approveLink = await postAndGetApproveLink(reader, post.path, email, `Moderate me once ${RUN}`)
    const url = new URL(approveLink)
    const token = decodeURIComponent(url.pathname.split('/').at(-1) ?? '')
    const [payload = '', signature = ''] = token.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
    const commentId = String(claims.commentId)
    const realKey = deriveKey(await readCommentSigningKey(), 'moderation-token')
    const flip = (text: string) => `${text.slice(0, -2)}${text.at(-2) === 'A' ? 'B' : 'A'}${text.at(-1)}`

    const refused: Record<string, string> = {
      'tampered signature': `${payload}.${flip(signature)}`,
      'tampered claims': `${Buffer.from(JSON.stringify({ ...claims, action: 'approve', moderator: 'eve@example.com' })).toString('base64url')}.${signature}`,
      unsigned: payload,
      'empty signature': `${payload}.`,
      'signed with another key': createModerationToken(
        deriveKey('not-the-site-key-0123456789abcdef', 'moderation-token'),
        { commentId, action: 'approve', moderator: 'eve@example.com' },
        new Date(),
      ),
      'signed for another purpose': signValue(
        deriveKey(await readCommentSigningKey(), 'form-timestamp'),
        Buffer.from(payload, 'base64url').toString('utf8'),
      ),
    }
    const moderator = await newReader(browser)
    for (const [what, forged] of Object.entries(refused)) {
      await moderator.goto(`/moderate/${encodeURIComponent(forged)}`)
      await expect(moderator.getByRole('status'), what).toContainText('This moderation link is not valid.')
      await expect(moderator.getByRole('button', { name: 'Approve comment' })).toHaveCount(0)
    }
    const expired = createModerationToken(
      realKey,
      { commentId, action: 'approve', moderator: 'moderator@example.com' },
      new Date(Date.now() - 8 * 24 * 60 * 60 * 1000),
    )
    await moderator.goto(`/moderate/${encodeURIComponent(expired)}`)
    await expect(moderator.getByRole('status')).toContainText('This moderation link has expired')
    await expect(moderator.getByRole('button', { name: 'Approve comment' })).toHaveCount(0)

    // The real link, then the same POST replayed byte for byte.
    await moderator.goto(approveLink)
    const [actionRequest] = await Promise.all([
      moderator.waitForRequest((req) => req.method() === 'POST'),
      moderator.getByRole('button', { name: 'Approve comment' }).click(),
    ])
    await expect(moderator.getByRole('status')).toContainText(/approved/i)
    const replay = await moderator.request.fetch(actionRequest.url(), {
      method: 'POST',
      headers: actionRequest.headers(),
      data: actionRequest.postDataBuffer() ?? Buffer.alloc(0),
      failOnStatusCode: false,
      maxRedirects: 0,
    })
    expect(replay.status()).toBeLessThan(500)
    const editor = await createEditorClient()
    const trail = await editor.fetch<Array<{ status: string }>>(
      '*[_id == $id][0].auditTrail[]{status}',
      { id: commentId },
      { perspective: 'raw' },
    )
    expect(trail.map((entry) => entry.status)).toEqual(['pending', 'approved'])

    // An editor puts it back to pending: the used link still acts no more.
    await editor.patch(commentId).set({ status: 'pending' }).commit({ visibility: 'sync' })
    await moderator.goto(approveLink)
    await expect(moderator.getByRole('status')).toContainText('This moderation link has already been used.')
    await expect(moderator.getByRole('button', { name: 'Approve comment' })).toHaveCount(0)
  })
})

test.describe('the revalidation webhook', () => {
  const body = JSON.stringify({
    _id: 'post-understanding-leg-cramps',
    _type: 'post',
    slug: 'understanding-leg-cramps-causes-and-solutions',
  })
  const post = (request: APIRequestContext, data: string, signature?: string) =>
    request.post('/api/revalidate', {
      headers: {
        'content-type': 'application/json',
        ...(signature === undefined ? {} : { 'sanity-webhook-signature': signature }),
      },
      data,
      failOnStatusCode: false,
    })

  test('accepts a fresh signature from the lake’s secret', async ({ request }) => {
    const signature = await encodeSignatureHeader(body, Date.now(), await readWebhookSecret())
    expect((await post(request, body, signature)).status()).toBe(200)
  })

  test('rejects unsigned, wrong-secret, altered-body and old-timestamp requests', async ({ request }) => {
    const secret = await readWebhookSecret()
    const fresh = await encodeSignatureHeader(body, Date.now(), secret)
    const cases: Record<string, { data: string; signature?: string }> = {
      unsigned: { data: body },
      'malformed signature': { data: body, signature: 't=abc,v1=' },
      'wrong secret': {
        data: body,
        signature: await encodeSignatureHeader(body, Date.now(), 'a-wrong-secret-of-decent-length'),
      },
      'altered body': { data: body.replace('leg-cramps', 'leg-crampz'), signature: fresh },
      'old timestamp (replayed an hour later)': {
        data: body,
        signature: await encodeSignatureHeader(body, Date.now() - 60 * 60_000, secret),
      },
      'timestamp from the future': {
        data: body,
        signature: await encodeSignatureHeader(body, Date.now() + 60 * 60_000, secret),
      },
    }
    const statuses = Object.fromEntries(
      await Promise.all(
        Object.entries(cases).map(
          async ([what, c]) => [what, (await post(request, c.data, c.signature)).status()] as const,
        ),
      ),
    )
    expect(statuses).toEqual(Object.fromEntries(Object.keys(cases).map((what) => [what, 401])))
  })
})
