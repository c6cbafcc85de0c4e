// The comment form's schema: shared by the server action, the form's attributes and the tests.
import { z } from 'zod'
import { commentMessages as m } from '@/lib/comments/messages'
import {
  COMMENT_FIELD,
  MAX_BODY_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_NAME_LENGTH,
  MAX_WEBSITE_LENGTH,
  MIN_BODY_LENGTH,
  VISIBLE_FIELDS,
  type VisibleField,
} from '@/lib/comments/form-fields'

const MAX_TOKEN_LENGTH = 512

// C0/C1 control characters (and DEL). The body keeps its newlines and tabs.
// One-line fields also lose the Unicode line/paragraph separators and the bidi embeddings, overrides and isolates:
// a name or link that reverses what follows it reads as something else (Trojan Source, CVE-2021-42574).
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu
const CONTROL_EXCEPT_NEWLINE_TAB = /[^\P{Cc}\n\t]/gu
// A name or comment made only of zero-width or combining characters shows as nothing.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u
const hasVisibleText = (text: string): boolean => VISIBLE.test(text)

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
      .max(MAX_BODY_LENGTH, m.bodyTooLong(MAX_BODY_LENGTH))
      .refine(hasVisibleText, m.bodyRequired),
  ),
  name: line(m.nameRequired).pipe(
    z.string().max(MAX_NAME_LENGTH, m.nameTooLong(MAX_NAME_LENGTH)).refine(hasVisibleText, m.nameRequired),
  ),
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

/** `form` is whatever the action was called with: a hand-made POST can send no FormData at all. */
export function parseCommentForm(form: unknown): ParsedCommentForm {
  if (!(form instanceof FormData)) {
    return {
      ok: false,
      reason: 'bad-form',
      values: { body: '', name: '', email: '', website: '', remember: false },
    }
  }
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

/** The `?postId=` of the comment route handlers, or `null` when it cannot be a post id. */
export function parsePostIdQuery(search: URLSearchParams): string | null {
  const parsed = documentId.safeParse(search.get('postId'))
  return parsed.success ? parsed.data : null
}

/** The reply page's [commentId] segment, or `null` when it cannot be a comment id (so it can 404 without a query). */
export function parseCommentIdParam(value: unknown): string | null {
  const parsed = documentId.safeParse(value)
  return parsed.success ? parsed.data : null
}
