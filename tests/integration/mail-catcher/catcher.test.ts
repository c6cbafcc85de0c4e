import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { buildModerationMail } from '@/lib/mail/templates/moderation'
import { createSmtpMailer, type Mailer } from '@/lib/mail/transport'
import { startMailCatcher, type MailCatcher } from '@/scripts/mail-catcher/catcher'
import { caughtMessageSchema } from '@/scripts/mail-catcher/message-store'

let dataDir: string
let catcher: MailCatcher
let mailer: Mailer

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mail-catcher-'))
  catcher = await startMailCatcher({ dataDir, smtpPort: 0, httpPort: 0 })
  mailer = createSmtpMailer(catcher.smtpUrl)
})

afterEach(async () => {
  mailer.close()
  await catcher.close()
  await rm(dataDir, { recursive: true, force: true })
})

const listMessages = async () => {
  const response = await fetch(new URL('/api/messages', catcher.inboxUrl))
  expect(response.status).toBe(200)
  return z.array(caughtMessageSchema).parse(await response.json())
}

const aModerationMail = () =>
  buildModerationMail({
    siteTitle: 'Lakeside Blog',
    from: { name: 'Lakeside Blog', address: 'no-reply@blog.example' },
    to: { address: 'mod@example.com' },
    post: { title: 'Leg <Cramps>', url: 'https://blog.example/posts/leg-cramps' },
    comment: {
      name: 'Ada',
      email: 'ada@example.com',
      website: null,
      body: 'Hello <b>there</b>',
      createdAt: '2026-11-25T12:00:00Z',
    },
    parent: null,
    ipPrefix: '203.0.113.x',
    history: { approved: 0, spam: 0 },
    checks: [],
    waitingCount: 1,
    links: { approve: 'https://a', spam: 'https://s', trash: 'https://t', studio: 'https://studio' },
  })

describe('startMailCatcher', () => {
  it('catches a message sent with nodemailer and serves it through the JSON API', async () => {
    await mailer.send(aModerationMail())
    const [message, ...rest] = await listMessages()
    expect(rest).toEqual([])
    expect(message).toMatchObject({
      subject: '[Lakeside Blog] Please moderate: "Leg <Cramps>"',
      envelope: { from: 'no-reply@blog.example', to: ['mod@example.com'] },
      from: [{ name: 'Lakeside Blog', address: 'no-reply@blog.example' }],
      to: [{ address: 'mod@example.com' }],
      replyTo: [{ name: 'Ada', address: 'ada@example.com' }],
    })
    expect(message?.text).toContain('> Hello <b>there</b>')
    expect(message?.html).toContain('Hello &lt;b&gt;there&lt;/b&gt;')
  })

  it('keeps each message as files in the data folder', async () => {
    await mailer.send(aModerationMail())
    const files = await readdir(dataDir)
    expect(files.filter((name) => name.endsWith('.json'))).toHaveLength(1)
    expect(files.filter((name) => name.endsWith('.eml'))).toHaveLength(1)
  })

  it('shows a message’s HTML in a sandbox and its text as plain text', async () => {
    await mailer.send(aModerationMail())
    const [message] = await listMessages()
    const html = await fetch(new URL(`/messages/${message?.id}/html`, catcher.inboxUrl))
    expect(html.headers.get('content-security-policy')).toContain('sandbox')
    expect(await html.text()).toContain('Please moderate')
    const text = await fetch(new URL(`/messages/${message?.id}/text`, catcher.inboxUrl))
    expect(text.headers.get('content-type')).toContain('text/plain')
    const page = await fetch(new URL(`/messages/${message?.id}`, catcher.inboxUrl))
    expect(await page.text()).toContain('Leg &lt;Cramps&gt;')
    const list = await fetch(catcher.inboxUrl)
    expect(await list.text()).toContain(`/messages/${message?.id}`)
  })

  it('empties the inbox on DELETE /api/messages', async () => {
    await mailer.send(aModerationMail())
    await mailer.send(aModerationMail())
    expect(await listMessages()).toHaveLength(2)
    const response = await fetch(new URL('/api/messages', catcher.inboxUrl), { method: 'DELETE' })
    expect(response.status).toBe(204)
    expect(await listMessages()).toEqual([])
  })

  it('answers 404 for an unknown message and 405 for a write to the list page', async () => {
    expect((await fetch(new URL('/messages/0000000000000-deadbeef', catcher.inboxUrl))).status).toBe(404)
    expect((await fetch(new URL('/messages/..%2F..%2Fetc%2Fpasswd', catcher.inboxUrl))).status).toBe(404)
    expect((await fetch(catcher.inboxUrl, { method: 'POST' })).status).toBe(405)
  })

  it('keeps caught mail across a restart on the same data folder', async () => {
    await mailer.send(aModerationMail())
    await catcher.close()
    catcher = await startMailCatcher({ dataDir, smtpPort: 0, httpPort: 0 })
    expect(await listMessages()).toHaveLength(1)
  })
})
