import { randomInt } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { DEFAULT_COMMENT_POLICY } from '../../../lib/comments/spam/policy.ts'
import {
  COMMENT_ACCEPTED,
  COMMENT_RATE_LIMITED,
  createOwnPost,
  fillComment,
  RUN,
} from '../../support/e2e-reliability.ts'

// The site runs behind one trusted hop here (playwright.config.ts), as behind a reverse proxy that appends the
// address it was reached from; `next start` must hand the comment action the stamp of the connection too, or every
// reader would share one budget. tests/reliability/client-address.test.ts covers the default of no trusted proxy.
test('a reader who writes their own X-Forwarded-For entries gets no fresh budget, and another reader keeps theirs', async ({
  browser,
  request,
}) => {
  const post = await createOwnPost('client-address')
  await expect(async () => {
    expect((await request.get(post.path)).status()).toBe(200)
  }).toPass({ timeout: 30_000 })

  /** One comment through the real form; `forwardedFor` is the header as the trusted proxy passes it on. */
  const postAs = async (who: string, n: number, forwardedFor: string): Promise<string> => {
    const context = await browser.newContext({
      extraHTTPHeaders: { 'x-forwarded-for': forwardedFor, 'x-real-ip': `203.0.113.${randomInt(1, 255)}` },
    })
    const page = await context.newPage()
    await page.goto(post.path)
    await fillComment(page, {
      body: `From ${who}, comment ${n} ${RUN}`,
      name: 'Address Reader',
      email: `rel-${RUN}-${who}-${n}@example.com`,
      website: '',
    })
    await page.getByRole('button', { name: 'Post Comment' }).click()
    const status = page.getByRole('status').filter({ hasText: /awaiting moderation|too quickly/ })
    await expect(status).toBeVisible()
    const text = (await status.textContent()) ?? ''
    await context.close()
    return text.includes(COMMENT_ACCEPTED)
      ? 'accepted'
      : text.includes(COMMENT_RATE_LIMITED)
        ? 'rate-limited'
        : text
  }

  // What the trusted proxy appended is the reader's real address; everything before it the reader wrote.
  const { perVisitorPerMinute } = DEFAULT_COMMENT_POLICY
  const said = []
  for (let n = 0; n <= perVisitorPerMinute; n += 1)
    said.push(await postAs('rotating', n, `203.0.113.${randomInt(1, 255)}, 198.18.7.1`))
  expect(said).toEqual([...Array.from({ length: perVisitorPerMinute }, () => 'accepted'), 'rate-limited'])

  expect(await postAs('neighbour', 0, '198.18.7.2')).toBe('accepted')
})
