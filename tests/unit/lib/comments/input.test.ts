import { describe, expect, it } from 'vitest'
import {
  COMMENT_FIELD,
  MAX_BODY_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  MAX_WEBSITE_LENGTH,
} from '@/lib/comments/form-fields'
import { parseCommentForm } from '@/lib/comments/input'
import { commentMessages as m } from '@/lib/comments/messages'

type Fields = Partial<Record<keyof typeof COMMENT_FIELD, string>>

function aForm(overrides: Fields = {}): FormData {
  const fields: Fields = {
    postId: 'post-1',
    body: 'Stretching before bed helped me a lot.',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    website: '',
    formToken: 'token',
    ...overrides,
  }
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) form.set(COMMENT_FIELD[key as keyof typeof COMMENT_FIELD], value)
  }
  return form
}

function fieldErrorsOf(form: FormData) {
  const parsed = parseCommentForm(form)
  if (parsed.ok || parsed.reason !== 'invalid-fields')
    throw new Error(`expected field errors, got ${JSON.stringify(parsed)}`)
  return parsed
}

describe('parseCommentForm', () => {
  it('accepts a complete comment', () => {
    const parsed = parseCommentForm(aForm())
    expect(parsed.ok).toBe(true)
  })

  it.each([
    ['body', { body: '' }, m.bodyRequired],
    ['body', { body: '   \n ' }, m.bodyRequired],
    ['body', { body: 'x' }, m.bodyTooShort(2)],
    ['body', { body: 'x'.repeat(MAX_BODY_LENGTH + 1) }, m.bodyTooLong(MAX_BODY_LENGTH)],
    ['name', { name: '' }, m.nameRequired],
    ['name', { name: 'n'.repeat(MAX_NAME_LENGTH + 1) }, m.nameTooLong(MAX_NAME_LENGTH)],
    ['email', { email: '' }, m.emailRequired],
    ['email', { email: 'not-an-email' }, m.emailInvalid],
    ['email', { email: `${'a'.repeat(MAX_EMAIL_LENGTH)}@example.com` }, m.emailTooLong(MAX_EMAIL_LENGTH)],
    ['website', { website: 'javascript:alert(1)' }, m.websiteInvalid],
    ['website', { website: 'ftp://example.com/file' }, m.websiteInvalid],
    [
      'website',
      { website: `https://example.com/${'p'.repeat(MAX_WEBSITE_LENGTH)}` },
      m.websiteTooLong(MAX_WEBSITE_LENGTH),
    ],
  ] as const)('reports %s: %j', (field, overrides, message) => {
    expect(fieldErrorsOf(aForm(overrides)).fieldErrors[field]).toBe(message)
  })

  it('treats a missing field like an empty one', () => {
    const form = aForm()
    form.delete(COMMENT_FIELD.name)
    expect(fieldErrorsOf(form).fieldErrors.name).toBe(m.nameRequired)
  })

  it('keeps the text the reader typed when another field is invalid', () => {
    const parsed = fieldErrorsOf(aForm({ email: 'nope', body: 'My long comment\nwith two lines' }))
    expect(parsed.values.body).toBe('My long comment\nwith two lines')
    expect(parsed.values.email).toBe('nope')
  })

  it('answers a call without any form data as a broken form instead of throwing', () => {
    for (const notAForm of [undefined, null, 'body=hello', { body: 'hello' }]) {
      expect(parseCommentForm(notAForm)).toMatchObject({ ok: false, reason: 'bad-form' })
    }
  })

  it('counts a missing post id as a broken form, not a field error', () => {
    const parsed = parseCommentForm(aForm({ postId: '' }))
    expect(parsed).toMatchObject({ ok: false, reason: 'bad-form' })
  })

  it('rejects a post id that is not a document id', () => {
    expect(parseCommentForm(aForm({ postId: '*[_type == "post"]' }))).toMatchObject({
      ok: false,
      reason: 'bad-form',
    })
  })

  it('strips control characters but keeps newlines and tabs in the comment', () => {
    const parsed = parseCommentForm(
      aForm({ body: 'one\u0000 two\u0007\r\nthree\tfour\u009b', name: 'Ada\u0000\nLovelace' }),
    )
    if (!parsed.ok) throw new Error('expected success')
    expect(parsed.input.body).toBe('one two\nthree\tfour')
    expect(parsed.input.name).toBe('AdaLovelace')
  })

  it('normalises Unicode to NFC', () => {
    const parsed = parseCommentForm(aForm({ name: 'Jose\u0301', body: 'cafe\u0301 au lait' }))
    if (!parsed.ok) throw new Error('expected success')
    expect(parsed.input.name).toBe('José')
    expect(parsed.input.body).toBe('café au lait')
  })

  it('adds https:// to a website typed without a scheme and lower-cases the email', () => {
    const parsed = parseCommentForm(aForm({ website: 'example.com/me', email: 'Ada@Example.COM' }))
    if (!parsed.ok) throw new Error('expected success')
    expect(parsed.input.website).toBe('https://example.com/me')
    expect(parsed.input.email).toBe('ada@example.com')
  })

  it('reads the remember box, the honeypot and an optional parent', () => {
    const form = aForm({ parentId: 'comment.0b7f7c1e-1f0a-4f0e-9d55-0a4a3e0e6a11', honeypot: 'spam' })
    form.set(COMMENT_FIELD.remember, 'on')
    const parsed = parseCommentForm(form)
    if (!parsed.ok) throw new Error('expected success')
    expect(parsed.input).toMatchObject({
      remember: true,
      honeypot: 'spam',
      parentId: 'comment.0b7f7c1e-1f0a-4f0e-9d55-0a4a3e0e6a11',
    })
  })
})
