import { join } from 'node:path'
import { type Browser, type BrowserContext, expect, type Locator, type Page } from '@playwright/test'
import type { SanityClient } from '@sanity/client'
import { readTokenFile } from '../../sanity/lake/storage/token-file.ts'
import { createEditorClient } from './e2e-content.ts'
import { E2E_DATA_DIR, E2E_LAKE_PORT } from './e2e-settings.ts'

// `npm start` serves the Studio from the lake's HTTPS port, the one after the lake's plain HTTP port.
export const STUDIO_URL = `https://lakeside.localhost:${E2E_LAKE_PORT + 1}/studio/`
export const DEMO_IMAGE = join(import.meta.dirname, '../../sanity/demo/images/desk-moves.jpg')

type Role = 'editor' | 'viewer'

export async function readLakeToken(role: Role): Promise<string> {
  const records = await readTokenFile(join(E2E_DATA_DIR, 'lake', 'tokens.json'))
  const token = records?.find((record) => record.role === role)?.token
  if (token === undefined) throw new Error(`No ${role} token in ${E2E_DATA_DIR}; did the web server start?`)
  return token
}

/** The sign-in link `npm start` prints: the Studio reads the token from the fragment. */
export function buildStudioLink(token: string): string {
  return `${STUDIO_URL}#token=${token}`
}

/** What went wrong in the browser while a Studio page was open. */
export type BrowserProblem = { kind: 'pageerror' | 'console'; text: string }

/**
 * Console errors that are not lake faults, each with its reason:
 * - Chromium logs "WebSocket is already in CLOSING or CLOSED state" when the Studio's presence client
 *   sends on a socket that is closing. The lake never closes a presence socket while it runs
 *   (sanity/lake/http/socket.ts); seen once in the history journey, not on plain reloads (six in a
 *   row gave none), so the Studio closed it itself. Presence reconnects and nothing is lost.
 */
const KNOWN_CONSOLE_ERRORS: RegExp[] = [/^WebSocket is already in CLOSING or CLOSED state\.$/]

export class StudioSessions {
  readonly problems: BrowserProblem[] = []
  readonly #contexts: BrowserContext[] = []
  readonly #browser: Browser

  constructor(browser: Browser) {
    this.#browser = browser
  }

  /** A signed-in Studio in its own browser context, as a separate editor would have it. */
  async signIn(role: Role): Promise<Page> {
    // The lake's certificate comes from a local CA that `npm start` creates; the test browser
    // does not trust it (an editor trusts it once, see the lake's start-up message).
    const context = await this.#browser.newContext({ ignoreHTTPSErrors: true, timezoneId: 'UTC' })
    this.#contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (error) => this.problems.push({ kind: 'pageerror', text: error.message }))
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push({ kind: 'console', text: message.text() })
    })
    await page.goto(buildStudioLink(await readLakeToken(role)))
    await expect(page.getByTestId('studio-navbar')).toBeVisible({ timeout: 30_000 })
    return page
  }

  unexpectedProblems(): BrowserProblem[] {
    return this.problems.filter(
      (problem) =>
        problem.kind === 'pageerror' || !KNOWN_CONSOLE_ERRORS.some((pattern) => pattern.test(problem.text)),
    )
  }

  async close(): Promise<void> {
    for (const context of this.#contexts) await context.close()
  }
}

export async function openDocument(page: Page, id: string): Promise<void> {
  await page.goto(`${STUDIO_URL}structure/post;${id}`)
  await expect(page.getByLabel('Title', { exact: true })).toBeVisible({ timeout: 30_000 })
}

/** Types into a reference autocomplete and picks the option it offers (its own listbox, not the document list). */
export async function pickReference(
  page: Page,
  combobox: Locator,
  search: string,
  option: RegExp,
): Promise<void> {
  await combobox.fill(search)
  const listboxId = await combobox.getAttribute('aria-owns')
  if (listboxId === null) throw new Error('The reference input names no listbox')
  await page
    .locator(`[id=${JSON.stringify(listboxId)}]`)
    .getByRole('option', { name: option })
    .click()
}

/** The id of the document open in the Studio's last pane, from its URL (`…/structure/post;<id>`). */
function openDocumentId(page: Page): string {
  const pane = new URL(page.url()).pathname.split(';').at(-1)
  const id = pane === undefined ? '' : decodeURIComponent(pane).split(',')[0]
  if (!id) throw new Error(`No document open at ${page.url()}`)
  return id
}

/**
 * Clicks Publish as an editor would: at once, even while the footer says "Saving…", and once only. The
 * Studio disables Publish for a moment whenever its validation catches up with an edit, and a click that
 * lands in that moment does nothing (the button never said "Validating document…"); only such a click is
 * repeated. A click the Studio took must publish by itself: before sanity/studio/settled-publish.tsx, one
 * made while saving ended in a false "Validation errors" in 4 of 4 runs of the post journey.
 */
export async function publishDocument(page: Page): Promise<void> {
  const id = openDocumentId(page)
  const client = await createEditorClient()
  const publish = page.getByTestId('action-publish')
  await expect(publish).toBeEnabled({ timeout: 15_000 })
  // The lake's timestamps have whole seconds.
  const clickedAt = Math.floor(Date.now() / 1000) * 1000
  const publishedSinceClick = async (): Promise<boolean> => {
    const [draft, published] = await Promise.all([client.getDocument(`drafts.${id}`), client.getDocument(id)])
    return draft === undefined && published !== undefined && Date.parse(published._updatedAt) >= clickedAt
  }
  await expect(async () => {
    if (await publishedSinceClick()) return
    await publish.click({ timeout: 5_000 })
    await expect(publish).toHaveText(/Validating document|Publishing/, { timeout: 1_000 })
  }).toPass({ timeout: 20_000 })
  await expect.poll(publishedSinceClick, { timeout: 15_000 }).toBe(true)
  await expect(page.getByTestId('pane-footer')).toContainText(/Published|Last published/, { timeout: 15_000 })
}

/** A published post that exists only for one test, made as the Studio makes one: a draft, then publish. */
export async function createPublishedPost(
  client: SanityClient,
  fields: { id: string; title: string; slug: string },
): Promise<void> {
  const seed = await client.getDocument('post-understanding-leg-cramps')
  if (!seed) throw new Error('the seed post is missing')
  // Its own revision and hand-picked related posts stay with the seed post.
  const content: Record<string, unknown> = { ...seed }
  delete content._rev
  delete content.relatedPosts
  await client.create({
    ...content,
    _id: `drafts.${fields.id}`,
    _type: 'post',
    title: fields.title,
    slug: { _type: 'slug', current: fields.slug },
  })
  await client.action({
    actionType: 'sanity.action.document.publish',
    draftId: `drafts.${fields.id}`,
    publishedId: fields.id,
  })
}
