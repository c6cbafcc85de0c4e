import type { Browser, Page } from '@playwright/test'

// Each reader comes from an address of their own, so the per-visitor burst budget of one test does not
// spill into the next (the site reads the address from X-Forwarded-For, as behind a proxy). One counter
// for every spec file: they share the end-to-end run's site and its limits.
let nextAddress = 10

export async function newReader(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled,
    extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${nextAddress++}` },
  })
  return context.newPage()
}

/** The form refuses posts sent sooner than a person could type them; wait this long before posting. */
export const MIN_FILL_MS = 3_100

export type ReplyFields = { body: string; name: string; email: string; website?: string }

export async function fillReply(page: Page, fields: ReplyFields): Promise<void> {
  await page.getByRole('textbox', { name: /^Comment/ }).fill(fields.body)
  await page.getByRole('textbox', { name: /^Name/ }).fill(fields.name)
  await page.getByRole('textbox', { name: /^Email/ }).fill(fields.email)
  if (fields.website !== undefined) await page.getByRole('textbox', { name: 'Website' }).fill(fields.website)
}
