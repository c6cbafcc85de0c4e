import { expect, test } from '@playwright/test'

test('the home page renders with the site title from the site settings', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page).toHaveTitle(/Lakeside Health/)
})
