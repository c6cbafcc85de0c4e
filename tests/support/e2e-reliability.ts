// Helpers for the reliability and security journeys (tests/e2e/reliability): own posts, hostile posting, DOM scans.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type APIRequestContext, type Browser, expect, type Page } from '@playwright/test'
import { z } from 'zod'
import { readTokenFile } from '../../sanity/lake/storage/token-file.ts'
import { createEditorClient, SEED_POST_ID } from './e2e-content.ts'
import { E2E_DATA_DIR } from './e2e-settings.ts'

export const RUN = Date.now().toString(36)
// The form refuses posts sent sooner than a person could type them.
export const MIN_FILL_MS = 3_100

let nextAddress = 1
/**
 * A reader with an address of their own, so one test's rate budget never spills into another's. The end-to-end site
 * trusts one proxy hop (TRUSTED_PROXY_HOPS=1 in playwright.config.ts): the test stands in for that proxy.
 */
export async function newReader(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled,
    extraHTTPHeaders: { 'x-forwarded-for': `192.0.2.${(nextAddress++ % 250) + 1}` },
  })
  return context.newPage()
}

/** A published post with open comments that belongs to this test alone (a copy of the seed post). */
export async function createOwnPost(label: string): Promise<{ _id: string; path: string }> {
  const editor = await createEditorClient()
  const seed = z.looseObject({ _id: z.string() }).parse(await editor.getDocument(SEED_POST_ID))
  const slug = `reliability-${label}-${RUN}`
  // The system fields are the lake's to set on the copy.
  const fields = Object.fromEntries(
    Object.entries(seed).filter(([key]) => !['_rev', '_createdAt', '_updatedAt'].includes(key)),
  )
  await editor.createOrReplace({
    ...fields,
    _id: `post-${slug}`,
    _type: 'post',
    title: `Reliability ${label} ${RUN}`,
    slug: { _type: 'slug', current: slug },
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    comments: { _type: 'commentSettings', mode: 'open' },
  })
  return { _id: `post-${slug}`, path: `/posts/${slug}` }
}

export type CommentFields = { body: string; name: string; email: string; website: string }

export async function fillComment(page: Page, fields: CommentFields): Promise<void> {
  await page.getByRole('textbox', { name: /^Comment/ }).fill(fields.body)
  await page.getByRole('textbox', { name: /^Name/ }).fill(fields.name)
  await page.getByRole('textbox', { name: /^Email/ }).fill(fields.email)
  await page.getByRole('textbox', { name: 'Website' }).fill(fields.website)
}

/** The real secrets of the running site: what must never reach a browser. */
export async function readSiteSecrets(): Promise<string[]> {
  const secrets = z
    .object({ webhookSecret: z.string(), previewSecret: z.string(), commentSigningKey: z.string() })
    .parse(JSON.parse(await readFile(join(E2E_DATA_DIR, 'secrets.json'), 'utf8')))
  const tokens = (await readTokenFile(join(E2E_DATA_DIR, 'lake', 'tokens.json'))) ?? []
  return [
    secrets.webhookSecret,
    secrets.previewSecret,
    secrets.commentSigningKey,
    ...tokens.map((t) => t.token),
  ]
}

export async function readWebhookSecret(): Promise<string> {
  const secrets = z
    .object({ webhookSecret: z.string() })
    .loose()
    .parse(JSON.parse(await readFile(join(E2E_DATA_DIR, 'secrets.json'), 'utf8')))
  return secrets.webhookSecret
}

export async function readCommentSigningKey(): Promise<string> {
  const secrets = z
    .object({ commentSigningKey: z.string() })
    .loose()
    .parse(JSON.parse(await readFile(join(E2E_DATA_DIR, 'secrets.json'), 'utf8')))
  return secrets.commentSigningKey
}

export type DomScan = { eventHandlers: string[]; activeInComments: string[]; inlineScriptKinds: string[] }

/** What in the live DOM could run script: on* attributes anywhere, active elements among the comments. */
export function scanDom(page: Page): Promise<DomScan> {
  return page.evaluate(() => {
    const eventHandlers: string[] = []
    for (const element of document.querySelectorAll('*'))
      for (const attribute of element.attributes)
        if (/^on/i.test(attribute.name)) eventHandlers.push(`<${element.localName} ${attribute.name}>`)
    const comments = document.querySelector('section.comments')
    const activeInComments = [
      ...(comments?.querySelectorAll(
        'script, iframe, object, embed, base, meta, link, style, form, svg, math, template',
      ) ?? []),
    ].map((element) => element.localName)
    for (const link of comments?.querySelectorAll('a[href]') ?? []) {
      const href = link.getAttribute('href') ?? ''
      if (/^(javascript|data|vbscript):/i.test(href.replace(/[\u0000-\u0020]/g, '')))
        activeInComments.push(`a[href=${href}]`)
    }
    // Inline scripts by what they start with: Next's bootstrap and RSC chunks, JSON-LD. A new kind is an injection.
    const inlineScriptKinds = [
      ...new Set(
        [...document.querySelectorAll('script:not([src])')].map(
          (script) =>
            `${script.getAttribute('type') ?? 'js'}:${(script.textContent ?? '').trim().slice(0, 14)}`,
        ),
      ),
    ].sort()
    return { eventHandlers, activeInComments, inlineScriptKinds }
  })
}

/** Waits until the moderation mail for `email` arrives and returns its Approve link. */
export async function approveLinkFor(
  email: string,
  listMail: () => Promise<Array<{ text: string }>>,
): Promise<string> {
  let link: string | undefined
  await expect
    .poll(
      async () => {
        const mail = (await listMail()).find((message) => message.text.includes(`Email: ${email}`))
        link = mail === undefined ? undefined : /Approve it: (\S+)/.exec(mail.text)?.[1]
        return link !== undefined
      },
      { timeout: 45_000, intervals: [250, 500, 1_000] },
    )
    .toBe(true)
  if (link === undefined) throw new Error(`no moderation mail for ${email}`)
  return link
}

/** The comment action's id, as the page hands it to browsers without JavaScript. */
export async function readActionId(request: APIRequestContext, path: string): Promise<string> {
  const html = await (await request.get(path)).text()
  const id = /name="\$ACTION_\d+:0" value="\{&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(html)?.[1]
  if (id === undefined) throw new Error(`no server action id on ${path}`)
  return id
}

export const COMMENT_ACCEPTED = 'Thank you! Your comment is awaiting moderation.'
export const COMMENT_RATE_LIMITED = 'You are posting comments too quickly.'

/**
 * Calls the comment action as the enhanced form does (React's encodeReply: the root in part "0", the form's
 * entries prefixed "1_") and returns the status and the RSC text of the answer.
 */
export async function callCommentAction(
  request: APIRequestContext,
  target: { path: string; actionId: string },
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const multipart: Record<string, string> = { '0': '[{"status":"idle"},"$K1"]' }
  for (const [name, value] of Object.entries(fields)) multipart[`1_${name}`] = value
  const response = await request.post(target.path, {
    headers: { 'next-action': target.actionId, accept: 'text/x-component', ...headers },
    multipart,
    failOnStatusCode: false,
  })
  return { status: response.status(), text: await response.text() }
}
