import { expect, type Page, test } from '@playwright/test'
import { SEED_POST_PATH } from '../support/e2e-content.ts'
import { moderationLink, waitForModerationMail } from '../support/e2e-mail.ts'
import { fillReply, MIN_FILL_MS, newReader } from '../support/e2e-reader.ts'

async function approveFromMail(page: Page, marker: string): Promise<void> {
  const mail = await waitForModerationMail(marker)
  expect(mail.subject).toMatch(/Please moderate: "Understanding Leg Cramps/)
  await page.goto(moderationLink(mail, 'approve'))
  await page.getByRole('button', { name: 'Approve comment' }).click()
  await expect(page.getByRole('status')).toContainText(/approved/i)
}

for (const javaScriptEnabled of [true, false]) {
  test(`a comment posted with JavaScript ${javaScriptEnabled ? 'on' : 'off'} waits for moderation, then appears once approved by email`, async ({
    browser,
  }) => {
    const marker = `cramp-tip-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}`
    const body = `A warm bath before bed helps me.\n\nTip ${marker}`
    const reader = await newReader(browser, javaScriptEnabled)
    await reader.goto(SEED_POST_PATH)
    await fillReply(reader, {
      body,
      name: 'Ada Reader',
      email: 'ada@example.com',
      website: 'https://ada.example',
    })
    await reader.waitForTimeout(MIN_FILL_MS)
    await reader.getByRole('button', { name: 'Post Comment' }).click()

    const own = reader.getByRole('listitem').filter({ hasText: marker })
    await expect(own).toContainText('Your comment is awaiting moderation.')

    const stranger = await newReader(browser)
    await stranger.goto(SEED_POST_PATH)
    await expect(stranger.getByText(marker)).toHaveCount(0)

    const moderator = await newReader(browser)
    const mail = await waitForModerationMail(marker)
    // A link prefetcher that only GETs the link changes nothing.
    await moderator.goto(moderationLink(mail, 'approve'))
    await stranger.reload()
    await expect(stranger.getByText(marker)).toHaveCount(0)
    await moderator.getByRole('button', { name: 'Approve comment' }).click()
    await expect(moderator.getByRole('status')).toContainText(/approved/i)

    await expect(async () => {
      await stranger.reload()
      await expect(stranger.getByRole('listitem').filter({ hasText: marker })).toHaveCount(1, {
        timeout: 200,
      })
    }).toPass({ timeout: 2_000, intervals: [100, 250] })
    const approved = stranger.getByRole('listitem').filter({ hasText: marker })
    await expect(approved.getByRole('link', { name: 'Ada Reader', exact: true })).toHaveAttribute(
      'rel',
      'nofollow ugc noopener',
    )
    await expect(approved).not.toContainText('awaiting moderation')
    expect(await stranger.content()).not.toContain('ada@example.com')
  })
}

test('a reply to an approved comment is threaded under it', async ({ browser }) => {
  const parentMarker = `parent-${Date.now()}`
  const reader = await newReader(browser)
  await reader.goto(SEED_POST_PATH)
  await fillReply(reader, {
    body: `Stretching works for me. ${parentMarker}`,
    name: 'Bo Parent',
    email: 'bo@example.com',
  })
  await reader.waitForTimeout(MIN_FILL_MS)
  await reader.getByRole('button', { name: 'Post Comment' }).click()
  await expect(reader.getByText('Your comment is awaiting moderation.').first()).toBeVisible()
  await approveFromMail(await newReader(browser), parentMarker)

  const replier = await newReader(browser)
  await replier.goto(SEED_POST_PATH)
  const parent = replier.getByRole('listitem').filter({ hasText: parentMarker })
  await parent.getByRole('link', { name: /Reply/ }).first().click()
  // The article is static, so a reply has a page of its own (it works without JavaScript too).
  await expect(replier).toHaveURL(/\/posts\/understanding-leg-cramps-causes-and-solutions\/reply\/comment\./)
  await expect(replier.getByRole('heading', { name: 'Leave a Reply to Bo Parent' })).toBeVisible()
  await expect(replier.getByRole('link', { name: 'Cancel reply' })).toHaveAttribute(
    'href',
    `${SEED_POST_PATH}#respond`,
  )
  const replyMarker = `reply-${Date.now()}`
  await fillReply(replier, { body: `Me too! ${replyMarker}`, name: 'Cy Reply', email: 'cy@example.com' })
  await replier.waitForTimeout(MIN_FILL_MS)
  await replier.getByRole('button', { name: 'Post Comment' }).click()
  await expect(replier.getByText('Your comment is awaiting moderation.').first()).toBeVisible()
  // Back on the static article, the replier alone sees their reply under its parent, awaiting moderation.
  await replier.goto(SEED_POST_PATH)
  await expect(
    replier
      .getByRole('listitem')
      .filter({ hasText: parentMarker })
      .first()
      .getByRole('listitem')
      .filter({ hasText: replyMarker }),
  ).toContainText('Your comment is awaiting moderation.')
  const mail = await waitForModerationMail(replyMarker)
  expect(mail.text).toContain(parentMarker)
  await approveFromMail(await newReader(browser), replyMarker)

  const stranger = await newReader(browser)
  await expect(async () => {
    await stranger.goto(SEED_POST_PATH)
    const threadedParent = stranger.getByRole('listitem').filter({ hasText: parentMarker }).first()
    await expect(threadedParent.getByRole('listitem').filter({ hasText: replyMarker })).toHaveCount(1, {
      timeout: 200,
    })
  }).toPass({ timeout: 5_000 })
})

test('a reader who ticks “Save my name” finds the form filled in on the next article', async ({
  browser,
}) => {
  const reader = await newReader(browser)
  await reader.goto(SEED_POST_PATH)
  await fillReply(reader, {
    body: `Remember me, please. remember-${Date.now()}`,
    name: 'Eve Saver',
    email: 'eve@example.com',
    website: 'https://eve.example',
  })
  await reader.getByRole('checkbox', { name: /Save my name/ }).check()
  await reader.waitForTimeout(MIN_FILL_MS)
  await reader.getByRole('button', { name: 'Post Comment' }).click()
  await expect(reader.getByRole('status')).toContainText('awaiting moderation')

  await reader.goto('/posts/how-much-water-do-you-really-need')
  await expect(reader.getByRole('textbox', { name: /^Name/ })).toHaveValue('Eve Saver')
  await expect(reader.getByRole('textbox', { name: /^Email/ })).toHaveValue('eve@example.com')
  await expect(reader.getByRole('textbox', { name: 'Website' })).toHaveValue('https://eve.example')
  await expect(reader.getByRole('checkbox', { name: /Save my name/ })).toBeChecked()
})

test('an invalid email is explained next to the field, focused, and nothing typed is lost', async ({
  browser,
}) => {
  const reader = await newReader(browser)
  await reader.goto(SEED_POST_PATH)
  await fillReply(reader, { body: 'Keep this text, please.', name: 'Di Typo', email: 'not-an-email' })
  // The browser's own check would stop the post first; the server must explain it too.
  await reader.locator('form').evaluate((form) => form.setAttribute('novalidate', ''))
  await reader.waitForTimeout(MIN_FILL_MS)
  await reader.getByRole('button', { name: 'Post Comment' }).click()
  const email = reader.getByRole('textbox', { name: /^Email/ })
  await expect(email).toHaveAttribute('aria-invalid', 'true')
  await expect(email).toBeFocused()
  await expect(email).toHaveAccessibleDescription(/valid email address/)
  await expect(reader.getByRole('textbox', { name: /^Comment/ })).toHaveValue('Keep this text, please.')
  await expect(email).toHaveValue('not-an-email')
})

test('a post with comments closed says so and offers no form', async ({ page }) => {
  await page.goto('/posts/why-sleep-is-your-best-recovery-tool')
  await expect(page.getByText('Comments are closed.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Post Comment' })).toHaveCount(0)
})
