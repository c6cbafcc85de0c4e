import { expect, test } from '@playwright/test'
import {
  createEditorClient,
  readPreviewSecret,
  SEED_POST_ID,
  SEED_POST_PATH,
} from '../support/e2e-content.ts'

test('an editor previews a draft through draft mode, and readers never see it', async ({ page, browser }) => {
  const client = await createEditorClient()
  const published = await client.getDocument<{ title: string }>(SEED_POST_ID)
  if (!published) throw new Error('the seed post is missing')
  const draftTitle = `Draft headline ${Date.now()}`
  await client.createOrReplace({ ...published, _id: `drafts.${SEED_POST_ID}`, title: draftTitle })
  try {
    const wrong = await page.request.get(
      `/api/draft-mode/enable?secret=wrong&slug=understanding-leg-cramps-causes-and-solutions`,
    )
    expect(wrong.status()).toBe(401)

    const secret = encodeURIComponent(readPreviewSecret())
    await page.goto(
      `/api/draft-mode/enable?secret=${secret}&slug=understanding-leg-cramps-causes-and-solutions`,
    )
    await expect(page).toHaveURL(new RegExp(`${SEED_POST_PATH}$`))
    await expect(page.getByRole('complementary', { name: 'Preview mode' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(draftTitle)

    const reader = await (await browser.newContext()).newPage()
    await reader.goto(SEED_POST_PATH)
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText(published.title)

    await page.getByRole('link', { name: 'Exit preview' }).click()
    await expect(page.getByRole('complementary', { name: 'Preview mode' })).toHaveCount(0)
    await page.goto(SEED_POST_PATH)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(published.title)
  } finally {
    await client.delete(`drafts.${SEED_POST_ID}`)
  }
})
