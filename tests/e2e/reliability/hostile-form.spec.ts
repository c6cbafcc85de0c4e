import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { createEditorClient } from '../../support/e2e-content.ts'
import { listCaughtMail } from '../../support/e2e-mail.ts'
import {
  approveLinkFor,
  createOwnPost,
  fillComment,
  MIN_FILL_MS,
  newReader,
  readActionId,
  RUN,
  scanDom,
} from '../../support/e2e-reliability.ts'
import { loadHostileCorpus, type MalformedRequest } from '../../support/hostile-corpus.ts'

const corpus = loadHostileCorpus()
const samples = corpus.comments.filter((entry) => entry.e2eSample === true)
const ACCEPTED = 'Thank you! Your comment is awaiting moderation.'
// What a 5xx page or an error body would show if it leaked internals.
const INTERNALS =
  /node_modules|\/work\/|\/tmp\/|\bat [\w.<>]+ \(|TypeError|SyntaxError|Unexpected (end|token)|Boundary not found/

const emailFor = (id: string): string => `rel-${RUN}-${id}@example.com`

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, index * size + size),
  )
}

const countComments = async (postId: string): Promise<number> => {
  const editor = await createEditorClient()
  return editor.fetch<number>(
    'count(*[_type == "comment" && post._ref == $postId])',
    { postId },
    { perspective: 'raw' },
  )
}

test('hostile comments posted with the real form and approved by email add no script to the article page', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  expect(samples.length).toBeGreaterThanOrEqual(20)
  const post = await createOwnPost('hostile')
  const dialogs: string[] = []
  const watchDialogs = (page: Page) =>
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })

  const viewer = await newReader(browser)
  watchDialogs(viewer)
  await expect(async () => {
    expect((await viewer.goto(post.path))?.status()).toBe(200)
  }).toPass({ timeout: 30_000 })
  const before = await scanDom(viewer)
  expect(before.eventHandlers).toEqual([])

  // Five readers at a time: the form's minimum fill time is waited once per batch, not once per comment.
  for (const batch of chunk(samples, 5)) {
    const readers = await Promise.all(
      batch.map(async (entry) => {
        const reader = await newReader(browser)
        watchDialogs(reader)
        await reader.goto(post.path)
        await fillComment(reader, { ...entry.fields, email: emailFor(entry.id) })
        return reader
      }),
    )
    await readers[0]?.waitForTimeout(MIN_FILL_MS)
    for (const [index, reader] of readers.entries()) {
      await reader.getByRole('button', { name: 'Post Comment' }).click()
      await expect(reader.getByRole('status').filter({ hasText: ACCEPTED }), batch[index]?.id).toBeVisible()
      await reader.context().close()
    }
  }

  const moderator = await newReader(browser)
  watchDialogs(moderator)
  for (const entry of samples) {
    await moderator.goto(await approveLinkFor(emailFor(entry.id), listCaughtMail))
    await moderator.getByRole('button', { name: 'Approve comment' }).click()
    await expect(moderator.getByRole('status')).toContainText(/approved/i)
  }

  await expect(async () => {
    await viewer.reload()
    await expect(viewer.locator('section.comments li.comment')).toHaveCount(samples.length, { timeout: 500 })
  }).toPass({ timeout: 30_000, intervals: [250, 500, 1_000] })
  const after = await scanDom(viewer)
  expect(after.eventHandlers).toEqual([])
  expect(after.activeInComments).toEqual([])
  expect(after.inlineScriptKinds.filter((kind) => !before.inlineScriptKinds.includes(kind))).toEqual([])
  expect(dialogs).toEqual([])
})

const FORM_ANSWERS =
  /Your comment could not be posted because the form was incomplete|Please correct the marked fields/

function toBody(request: MalformedRequest): { contentType: string | null; data: Buffer } {
  if (request.expected === 'client-error')
    return { contentType: request.contentType, data: Buffer.from(request.body, 'latin1') }
  // As React's encodeReply sends [previousState, formData]: the root in part "0", the form's entries prefixed "1_".
  const boundary = '----reliability'
  const root = request.parts.length === 0 ? '[{"status":"idle"}]' : '[{"status":"idle"},"$K1"]'
  const parts = [
    { name: '0', value: root, filename: undefined },
    ...request.parts.map((part) => ({ ...part, name: `1_${part.name}` })),
  ]
  const body = parts
    .map(
      (part) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"\r\nContent-Type: text/html`}\r\n\r\n${part.value}\r\n`,
    )
    .join('')
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    data: Buffer.from(`${body}--${boundary}--\r\n`),
  }
}

async function sendToAction(
  request: APIRequestContext,
  path: string,
  actionId: string,
  malformed: MalformedRequest,
) {
  const { contentType, data } = toBody(malformed)
  const response = await request.post(path, {
    headers: {
      'next-action': actionId,
      accept: 'text/x-component',
      'x-forwarded-for': '203.0.113.250',
      ...(contentType === null ? {} : { 'content-type': contentType }),
    },
    data,
    failOnStatusCode: false,
  })
  return { id: malformed.id, status: response.status(), text: await response.text() }
}

test('hand-made calls of the comment action get the form’s own answer, and no malformed body shows internals or stores anything', async ({
  request,
}) => {
  const post = await createOwnPost('malformed')
  await expect(async () => {
    expect((await request.get(post.path)).status()).toBe(200)
  }).toPass({ timeout: 30_000 })
  const actionId = await readActionId(request, post.path)
  const stored = await countComments(post._id)
  const answers = []
  for (const malformed of corpus.malformedRequests)
    answers.push(await sendToAction(request, post.path, actionId, malformed))

  expect(answers.filter((answer) => INTERNALS.test(answer.text)).map((answer) => answer.id)).toEqual([])
  const handled = new Set(corpus.malformedRequests.filter((r) => r.expected === 'handled').map((r) => r.id))
  expect(
    answers
      .filter((answer) => handled.has(answer.id))
      .map((answer) => ({ id: answer.id, status: answer.status, answered: FORM_ANSWERS.test(answer.text) })),
  ).toEqual([...handled].map((id) => ({ id, status: 200, answered: true })))
  expect(await countComments(post._id)).toBe(stored)
  expect((await request.get(post.path)).status()).toBe(200)
})

test('an action body that cannot be decoded gets a 4xx', async ({ request }) => {
  // Known gap: Next 16 decodes the action body before any of our code runs and answers a broken body with
  // 500 and an opaque digest (no internals; see the test above). Only a proxy in front of every action could
  // turn that into a 400. When Next changes this, this test starts passing and `test.fail` flags it.
  test.fail()
  const post = await createOwnPost('undecodable')
  await expect(async () => {
    expect((await request.get(post.path)).status()).toBe(200)
  }).toPass({ timeout: 30_000 })
  const actionId = await readActionId(request, post.path)
  const statuses = []
  for (const malformed of corpus.malformedRequests.filter((r) => r.expected === 'client-error'))
    statuses.push(await sendToAction(request, post.path, actionId, malformed))
  expect(
    statuses
      .filter((answer) => answer.status < 400 || answer.status >= 500)
      .map((a) => `${a.id}: ${a.status}`),
  ).toEqual([])
})
