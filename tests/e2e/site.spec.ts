import { expect, type Page, test } from '@playwright/test'
import { SEED_POST_PATH } from '../support/e2e-content.ts'
import { E2E_BASE_URL } from '../support/e2e-settings.ts'

/** Parses XML in the browser and returns the root element's name, or the parser's error. */
async function parseXml(
  page: Page,
  path: string,
): Promise<{ root: string; error: string | null; text: string }> {
  const response = await page.request.get(path)
  expect(response.status()).toBe(200)
  const text = await response.text()
  const parsed = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml')
    const error = doc.querySelector('parsererror')
    return { root: doc.documentElement.nodeName, error: error ? error.textContent : null }
  }, text)
  return { ...parsed, text }
}

test.describe('the reader’s site', () => {
  test('lists the latest posts on the home page, paginated, and every request stays on 127.0.0.1', async ({
    page,
  }) => {
    const foreignRequests: string[] = []
    page.on('request', (request) => {
      const { hostname, protocol } = new URL(request.url())
      if (protocol !== 'data:' && hostname !== '127.0.0.1') foreignRequests.push(request.url())
    })
    await page.goto('/')
    const cards = page.getByRole('main').getByRole('article')
    await expect(cards.first()).toBeVisible()
    expect(await cards.count()).toBeGreaterThan(1)
    await page
      .getByRole('link', { name: /older posts|next/i })
      .first()
      .click()
    await expect(page).toHaveURL(/\/page\/2$/)
    await expect(cards.first()).toBeVisible()
    await page.goto(SEED_POST_PATH)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    expect(foreignRequests).toEqual([])
  })

  test('has category and author archives linked from the article byline', async ({ page }) => {
    await page.goto(SEED_POST_PATH)
    await page.getByRole('list', { name: 'Categories' }).getByRole('link').first().click()
    await expect(page).toHaveURL(/\/category\//)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.getByRole('main').getByRole('article').first()).toBeVisible()

    await page.goto(SEED_POST_PATH)
    await page.locator('.byline').getByRole('link').first().click()
    await expect(page).toHaveURL(/\/author\//)
    await expect(page.getByRole('main').getByRole('article').first()).toBeVisible()
  })

  test('answers unknown slugs with a 404 page', async ({ page }) => {
    const response = await page.goto('/posts/no-such-post')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  })

  test('serves feeds and a sitemap that parse and name the seed article', async ({ page }) => {
    await page.goto('/')
    const rss = await parseXml(page, '/feed.xml')
    expect(rss).toMatchObject({ root: 'rss', error: null })
    expect(rss.text).toContain(`${E2E_BASE_URL}${SEED_POST_PATH}`)
    const atom = await parseXml(page, '/atom.xml')
    expect(atom).toMatchObject({ root: 'feed', error: null })
    expect(atom.text).toContain('Understanding Leg Cramps')
    const sitemap = await parseXml(page, '/sitemap.xml')
    expect(sitemap).toMatchObject({ root: 'urlset', error: null })
    expect(sitemap.text).toContain(`${E2E_BASE_URL}${SEED_POST_PATH}`)
    const robots = await page.request.get('/robots.txt')
    expect(await robots.text()).toContain('Sitemap:')
  })

  test('describes the article for search engines and social cards', async ({ page }) => {
    await page.goto(SEED_POST_PATH)
    await expect(page).toHaveTitle(/Understanding Leg Cramps/)
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
      'href',
      `${E2E_BASE_URL}${SEED_POST_PATH}`,
    )
    await expect(page.locator('meta[property="og:image"]').first()).toHaveAttribute('content', /.+/)
    await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image')
    const jsonLd = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
    )
    expect(jsonLd).toMatchObject({ '@type': 'BlogPosting', headline: expect.stringContaining('Leg Cramps') })
  })
})
