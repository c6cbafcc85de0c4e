import MailComposer from 'nodemailer/lib/mail-composer'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { buildModerationMail, type ModerationMailData } from '@/lib/mail/templates/moderation'

function aMail(overrides: Partial<ModerationMailData> = {}): ModerationMailData {
  return {
    siteTitle: 'Lakeside Blog',
    from: { name: 'Lakeside Blog', address: 'no-reply@blog.example' },
    to: { address: 'mod@example.com' },
    post: {
      title: 'Understanding Leg Cramps: Causes and Solutions',
      url: 'https://blog.example/posts/understanding-leg-cramps',
    },
    comment: {
      name: 'Ada',
      email: 'ada@example.com',
      website: 'https://ada.example',
      body: 'Magnesium helped.\nThanks!',
      createdAt: '2026-11-25T12:00:00Z',
    },
    parent: null,
    ipPrefix: '203.0.113.x',
    history: { approved: 0, spam: 0 },
    checks: [],
    waitingCount: 3,
    links: {
      approve: 'https://blog.example/moderate/a.b',
      spam: 'https://blog.example/moderate/c.d',
      trash: 'https://blog.example/moderate/e.f',
      studio: 'https://blog.example/studio/structure/comment;comment.1',
    },
    ...overrides,
  }
}

/** Compiles the message exactly as nodemailer would send it, then parses it back as a mail client would. */
async function roundTrip(data: ModerationMailData) {
  const message = buildModerationMail(data)
  const raw = await new MailComposer(message).compile().build()
  return { message, raw: raw.toString('utf8'), parsed: await simpleParser(raw) }
}

describe('buildModerationMail', () => {
  it('builds a well-formed message with the subject, both parts and every fact a moderator needs', async () => {
    const { parsed } = await roundTrip(aMail())
    expect(parsed.subject).toBe(
      '[Lakeside Blog] Please moderate: "Understanding Leg Cramps: Causes and Solutions"',
    )
    expect(parsed.to).toMatchObject({ value: [{ address: 'mod@example.com' }] })
    expect(parsed.replyTo).toMatchObject({ value: [{ name: 'Ada', address: 'ada@example.com' }] })
    for (const part of [parsed.text ?? '', typeof parsed.html === 'string' ? parsed.html : '']) {
      expect(part).toContain('https://blog.example/posts/understanding-leg-cramps')
      expect(part).toContain('ada@example.com')
      expect(part).toContain('https://ada.example')
      expect(part).toContain('203.0.113.x')
      expect(part).toContain('First-time commenter')
      expect(part).toContain('3 comments are waiting for approval.')
      expect(part).toContain('https://blog.example/moderate/a.b')
      expect(part).toContain('https://blog.example/moderate/c.d')
      expect(part).toContain('https://blog.example/moderate/e.f')
      expect(part).toContain('https://blog.example/studio/structure/comment;comment.1')
      expect(part).toContain('Magnesium helped.')
    }
  })

  it('shows the commenter’s history, the checks that fired and, for a reply, the parent comment', async () => {
    const { parsed } = await roundTrip(
      aMail({
        history: { approved: 4, spam: 1 },
        checks: ['More links than the site allows'],
        parent: { name: 'Bob', body: 'What about potassium?' },
        waitingCount: 1,
      }),
    )
    expect(parsed.text).toContain('History: 4 approved, 1 spam')
    expect(parsed.text).toContain('Checks fired: More links than the site allows')
    expect(parsed.text).toContain('In reply to Bob:\n> What about potassium?')
    expect(parsed.text).toContain('1 comment is waiting for approval.')
  })

  it('cannot be made to carry extra headers by a CR/LF in the commenter’s name, email or the post title', async () => {
    const { raw, parsed } = await roundTrip(
      aMail({
        post: { title: 'Title\r\nBcc: victim@example.com', url: 'https://blog.example/p' },
        comment: {
          ...aMail().comment,
          name: 'Eve\r\nBcc: victim@example.com\r\nX-Injected: yes',
          email: 'eve@example.com\r\nBcc: victim@example.com',
        },
      }),
    )
    const headerBlock = raw.split('\r\n\r\n')[0] ?? ''
    expect(headerBlock).not.toMatch(/^(Bcc|X-Injected):/im)
    expect(parsed.bcc).toBeUndefined()
    expect(parsed.headers.has('x-injected')).toBe(false)
    expect(parsed.subject).toBe('[Lakeside Blog] Please moderate: "Title Bcc: victim@example.com"')
  })

  it('escapes HTML in everything the commenter wrote', async () => {
    const { message } = await roundTrip(
      aMail({
        comment: {
          ...aMail().comment,
          name: '<img src=x onerror=alert(1)>',
          body: '<script>alert("x")</script> & more',
          website: 'https://evil.example/"><script>',
        },
        parent: { name: 'Bob', body: '<b>bold</b>' },
      }),
    )
    expect(message.html).not.toContain('<script>')
    expect(message.html).not.toContain('<img src=x')
    expect(message.html).not.toContain('<b>bold</b>')
    expect(message.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more')
    expect(message.html).toContain('href="https://evil.example/&quot;&gt;&lt;script&gt;"')
  })

  it('shortens a long parent comment', async () => {
    const message = buildModerationMail(aMail({ parent: { name: 'Bob', body: 'x'.repeat(1000) } }))
    expect(message.text).toContain(`> ${'x'.repeat(299)}…`)
    expect(message.text).not.toContain('x'.repeat(300))
  })
})
