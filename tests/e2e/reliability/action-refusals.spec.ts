import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import { COMMENT_FIELD } from '../../../lib/comments/form-fields.ts'
import { createEditorClient } from '../../support/e2e-content.ts'
import { E2E_BASE_URL } from '../../support/e2e-settings.ts'
import {
  callCommentAction,
  createOwnPost,
  fillComment,
  newReader,
  readActionId,
  RUN,
} from '../../support/e2e-reliability.ts'

// Form posts Next fails before our action runs (issue #14): each gets a page that says what happened, not a 500.
const EVIL_ORIGIN = 'https://evil.example'
const INTERNALS = /node_modules|\/work\/|\bat [\w.<>]+ \(|Error:|digest/

const countComments = async (postId: string): Promise<number> => {
  const editor = await createEditorClient()
  return editor.fetch<number>(
    'count(*[_type == "comment" && post._ref == $postId])',
    { postId },
    { perspective: 'raw' },
  )
}

test('a comment form posted from another site gets a 403 page that says so, and nothing is stored', async ({
  browser,
  request,
}) => {
  const post = await createOwnPost('cross-site')
  await expect(async () => {
    expect((await request.get(post.path)).status()).toBe(200)
  }).toPass({ timeout: 30_000 })
  // The article's own form (as a browser without JavaScript gets it), served from another origin.
  const article = await (await request.get(post.path)).text()
  const form = /<form[^>]*class="comment-form"[\s\S]*?<\/form>/.exec(article)?.[0]
  if (form === undefined) throw new Error('no comment form on the article')
  const foreign = form.replace(
    /<form([^>]*)>/,
    (_, attributes: string) =>
      `<form${attributes.replace(/\saction="[^"]*"/, '')} action="${E2E_BASE_URL}${post.path}">`,
  )

  const reader = await newReader(browser, false)
  await reader.route(`${EVIL_ORIGIN}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>Elsewhere</title>${foreign}` }),
  )
  await reader.goto(`${EVIL_ORIGIN}/prize`)
  await fillComment(reader, {
    body: `Posted from elsewhere ${RUN}`,
    name: 'Cross Site',
    email: `rel-${RUN}-cross@example.com`,
    website: '',
  })
  const [response] = await Promise.all([
    reader.waitForResponse((r) => r.url().startsWith(E2E_BASE_URL) && r.request().method() === 'POST'),
    reader.getByRole('button', { name: 'Post Comment' }).click(),
  ])
  expect(response.status()).toBe(403)
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Form sent from another site')
  await expect(reader.getByRole('alert')).toContainText('nothing was posted')
  await expect(reader.getByRole('link', { name: 'Back to the page' })).toHaveAttribute('href', post.path)

  // The enhanced form's call, sent by hand with a foreign Origin, is refused the same way.
  const target = { path: post.path, actionId: await readActionId(request, post.path) }
  const call = await callCommentAction(
    request,
    target,
    {
      [COMMENT_FIELD.postId]: post._id,
      [COMMENT_FIELD.body]: `Fetched from elsewhere ${RUN}`,
      [COMMENT_FIELD.name]: 'Cross Site',
      [COMMENT_FIELD.email]: `rel-${RUN}-cross-fetch@example.com`,
    },
    { origin: EVIL_ORIGIN, 'x-forwarded-for': '198.18.9.1' },
  )
  expect(call.status).toBe(403)
  expect(call.text).not.toMatch(INTERNALS)
  expect(await countComments(post._id)).toBe(0)
})

/**
 * A reader (JavaScript on or off) posts a comment over the action's body limit on a post of its own: a reader's
 * browser keeps to maxlength; a hand-edited form (or another client) does not. Returns the page and the answer.
 */
async function postOversizedComment(
  browser: Browser,
  request: APIRequestContext,
  label: string,
  javaScriptEnabled: boolean,
): Promise<{ reader: Page; post: { _id: string }; status: number }> {
  const post = await createOwnPost(label)
  await expect(async () => {
    expect((await request.get(post.path)).status()).toBe(200)
  }).toPass({ timeout: 30_000 })
  const reader = await newReader(browser, javaScriptEnabled)
  await reader.goto(post.path)
  await fillComment(reader, {
    body: 'x',
    name: 'Long Writer',
    email: `rel-${RUN}-${label}@example.com`,
    website: '',
  })
  await reader.getByRole('textbox', { name: /^Comment/ }).evaluate((field: HTMLTextAreaElement) => {
    field.removeAttribute('maxlength')
    field.value = 'Too long. '.repeat(120_000)
  })
  const [response] = await Promise.all([
    reader.waitForResponse((r) => r.request().method() === 'POST'),
    reader.getByRole('button', { name: 'Post Comment' }).click(),
  ])
  return { reader, post, status: response.status() }
}

test('a comment over the action’s body limit gets a 413 page that says what to do', async ({
  browser,
  request,
}) => {
  const { reader, status } = await postOversizedComment(browser, request, 'too-large', false)
  expect(status).toBe(413)
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Too much to send')
  await expect(reader.getByRole('alert')).toContainText('shorten yours and post it again')
  expect(await reader.content()).not.toMatch(INTERNALS)
})

test('with JavaScript on, a comment over the body limit shows the site’s error page, and nothing is stored', async ({
  browser,
  request,
}) => {
  const { reader, post, status } = await postOversizedComment(browser, request, 'too-large-js', true)
  expect(status).toBe(413)
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('This could not be done')
  // Next's route announcer is an alert too: pick ours by what it says.
  await expect(reader.getByRole('alert').filter({ hasText: 'nothing was posted' })).toBeVisible()
  // The site's own page: its header and navigation are still there.
  await expect(reader.getByRole('banner')).toBeVisible()
  expect(await reader.content()).not.toMatch(INTERNALS)
  expect(await countComments(post._id)).toBe(0)
})
