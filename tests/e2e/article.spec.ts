import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { createEditorClient, SEED_POST_ID, SEED_POST_PATH } from '../support/e2e-content.ts'

const seedText = readFileSync(resolve(import.meta.dirname, '../fixtures/content/seed-article.txt'), 'utf8')
const bulletLines = seedText
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.startsWith('•'))
  .map((line) => line.replace(/^•\s*/, ''))

test.describe('the seed article', () => {
  test('renders its title, headings, every bullet, the reply form and related posts', async ({ page }) => {
    await page.goto(SEED_POST_PATH)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Understanding Leg Cramps: Causes and Solutions',
    )
    await expect(page.getByRole('heading', { level: 2, name: 'What Causes Leg Cramps?' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: 'Solutions for Leg Cramps' })).toBeVisible()

    expect(bulletLines).toHaveLength(10)
    const article = page.getByRole('article')
    for (const bullet of bulletLines) {
      const [lead = ''] = bullet.split(':')
      const item = article.getByRole('listitem').filter({ hasText: bullet })
      await expect(item).toHaveCount(1)
      // The lead words before the colon are bold, as in the seed.
      await expect(item.locator('strong')).toHaveText(new RegExp(`^${lead}:?$`))
    }

    await expect(page.locator('.byline').getByRole('link', { name: /^\d+ comments?$/ })).toHaveAttribute(
      'href',
      '#comments',
    )
    await expect(page.getByRole('heading', { level: 2, name: 'Leave a Reply' })).toBeVisible()
    await expect(
      page.getByText('Your email address will not be published. Required fields are marked *'),
    ).toBeVisible()
    const related = page.getByRole('region', { name: 'Related Posts' })
    await expect(related.getByRole('heading', { level: 2, name: 'Related Posts' })).toBeVisible()
    await expect(related.getByRole('link')).not.toHaveCount(0)
    await expect(related.getByRole('link', { name: /Leg Cramps/ })).toHaveCount(0)
  })

  test('is served from the full-route cache: the page is static, the same for every reader', async ({
    request,
  }) => {
    // A page that reads cookies, headers or searchParams is rendered per request and carries no x-nextjs-cache.
    await expect(async () => {
      expect((await request.get(SEED_POST_PATH)).status()).toBe(200)
      const again = await request.get(SEED_POST_PATH)
      expect(again.headers()['x-nextjs-cache']).toMatch(/^(HIT|STALE)$/)
      expect(again.headers()['cache-control']).not.toMatch(/no-store|private/)
    }).toPass({ timeout: 5_000 })
  })

  test('shows an edited title within two seconds without a rebuild, and never shows an unpublished draft', async ({
    page,
  }) => {
    const client = await createEditorClient()
    const original = await client.getDocument<{ title: string }>(SEED_POST_ID)
    if (!original) throw new Error('the seed post is missing')
    const editedTitle = `Leg Cramps, Revisited ${Date.now()}`
    const draftTitle = `Unpublished draft ${Date.now()}`
    try {
      await page.goto(SEED_POST_PATH)
      await client.createOrReplace({ ...original, _id: `drafts.${SEED_POST_ID}`, title: draftTitle })
      await client.patch(SEED_POST_ID).set({ title: editedTitle }).commit()

      await expect(async () => {
        await page.reload()
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(editedTitle, { timeout: 200 })
      }).toPass({ timeout: 2_000, intervals: [100, 200] })
      await expect(page.getByText(draftTitle)).toHaveCount(0)
    } finally {
      await client.delete(`drafts.${SEED_POST_ID}`)
      await client.patch(SEED_POST_ID).set({ title: original.title }).commit()
    }
  })
})
