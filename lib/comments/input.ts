// The comment form's schema: shared by the server action, the form's attributes and the tests.
import { z } from 'zod'
import { commentMessages as m } from '@/lib/comments/messages'

export const MAX_NAME_LENGTH = 100
export const MAX_EMAIL_LENGTH = 254
export const MAX_WEBSITE_LENGTH = 200
export const MIN_BODY_LENGTH = 2
export const MAX_BODY_LENGTH = 5000
const MAX_TOKEN_LENGTH = 512

/** Form field names; `honeypot` is the trap field people never see. */
export const COMMENT_FIELD = {
  postId: 'postId',
  parentId: 'parentId',
  body: 'body',
  name: 'name',
  email: 'email',
  website: 'website',
  remember: 'remember',
  honeypot: 'fax',
  formToken: 'formToken',
} as const

export const VISIBLE_FIELDS = ['body', 'name', 'email', 'website'] as const
export type VisibleField = (typeof VISIBLE_FIELDS)[number]

// C0/C1 control characters (and DEL). The body keeps its newlines and tabs.
const CONTROL = /\p{Cc}/gu
const CONTROL_EXCEPT_NEWLINE_TAB = /[^\P{Cc}\n\t]/gu

const toLine = (value: unknown): unknown =>
  typeof value === 'string' ? value.normalize('NFC').replace(CONTROL, '').trim() : value
const toText = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.replace(/\r\n?/g, '\n').normalize('NFC').replace(CONTROL_EXCEPT_NEWLINE_TAB, '').trim()
    : value
/** `example.com` means `https://example.com`; any other scheme stays and is refused. */
const toWebsite = (value: unknown): unknown => {
  const line = toLine(value)
  if (typeof line !== 'string' || line === '') return undefined
  return /^[a-z][a-z0-9+.-]*:/i.test(line) ? line : `https://${line}`
}

const line = (required: string) => z.preprocess(toLine, z.string({ error: required }).min(1, required))
const documentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/)

export const commentInputSchema = z.object({
  postId: documentId,
  parentId: z.preprocess((value) => (value === '' ? undefined : value), documentId.optional()),
  body: z.preprocess(
    toText,
    z
      .string({ error: m.bodyRequired })
      .min(1, m.bodyRequired)
      .min(MIN_BODY_LENGTH, m.bodyTooShort(MIN_BODY_LENGTH))
      .max(MAX_BODY_LENGTH, m.bodyTooLong(MAX_BODY_LENGTH)),
  ),
  name: line(m.nameRequired).pipe(z.string().max(MAX_NAME_LENGTH, m.nameTooLong(MAX_NAME_LENGTH))),
  email: line(m.emailRequired).pipe(
    z
      .string()
      .max(MAX_EMAIL_LENGTH, m.emailTooLong(MAX_EMAIL_LENGTH))
      .pipe(z.email(m.emailInvalid))
      .transform((email) => email.toLowerCase()),
  ),
  website: z.preprocess(
    toWebsite,
    z
      .string()
      .max(MAX_WEBSITE_LENGTH, m.websiteTooLong(MAX_WEBSITE_LENGTH))
      .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: m.websiteInvalid }))
      .optional(),
  ),
  remember: z.preprocess((value) => value === 'on' || value === 'true', z.boolean()),
  honeypot: z.string().max(MAX_TOKEN_LENGTH).default(''),
  formToken: z.string().max(MAX_TOKEN_LENGTH).default(''),
})

export type CommentInput = z.infer<typeof commentInputSchema>

/** What the reader typed, to put back into the form after an error. */
export type CommentFormValues = Record<VisibleField, string> & { remember: boolean }
export type CommentFieldErrors = Partial<Record<VisibleField, string>>

export type ParsedCommentForm =
  | { ok: true; input: CommentInput; values: CommentFormValues }
  | { ok: false; reason: 'invalid-fields'; fieldErrors: CommentFieldErrors; values: CommentFormValues }
  | { ok: false; reason: 'bad-form'; values: CommentFormValues }

const text = (form: FormData, name: string): string | undefined => {
  const value = form.get(name)
  return typeof value === 'string' ? value : undefined
}

export function parseCommentForm(form: FormData): ParsedCommentForm {
  const raw = Object.fromEntries(
    Object.entries(COMMENT_FIELD).map(([key, name]) => [key, text(form, name)] as const),
  )
  const values: CommentFormValues = {
    body: (raw.body ?? '').slice(0, MAX_BODY_LENGTH * 2),
    name: (raw.name ?? '').slice(0, MAX_NAME_LENGTH * 2),
    email: (raw.email ?? '').slice(0, MAX_EMAIL_LENGTH * 2),
    website: (raw.website ?? '').slice(0, MAX_WEBSITE_LENGTH * 2),
    remember: raw.remember === 'on',
  }
  const parsed = commentInputSchema.safeParse(raw)
  if (parsed.success) return { ok: true, input: parsed.data, values }
  const { fieldErrors } = z.flattenError(parsed.error)
  const visible: CommentFieldErrors = {}
  for (const field of VISIBLE_FIELDS) {
    const first = fieldErrors[field]?.[0]
    if (first !== undefined) visible[field] = first
  }
  if (Object.keys(visible).length === 0) return { ok: false, reason: 'bad-form', values }
  return { ok: false, reason: 'invalid-fields', fieldErrors: visible, values }
}
