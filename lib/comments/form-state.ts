// What the comment form needs back from the server action. Pure: shared by actions.ts and comment-form.tsx.
import type { CommentFieldErrors, CommentFormValues, ParsedCommentForm } from '@/lib/comments/input'
import { commentMessages as m } from '@/lib/comments/messages'
import type { SubmitResult } from '@/lib/comments/submit-result'
import { assertNever } from '@/lib/assert-never'
import type { ThreadComment } from '@/lib/comments/thread'

export type CommentFormState =
  | { status: 'idle' }
  | { status: 'invalid'; message: string; fieldErrors: CommentFieldErrors; values: CommentFormValues }
  | { status: 'rejected'; message: string; values: CommentFormValues }
  | {
      status: 'accepted'
      message: string
      commentId: string
      /** Shown to its author as awaiting moderation; the page itself is static and cannot know it. */
      comment: ThreadComment
      values: CommentFormValues
    }

export const INITIAL_COMMENT_FORM_STATE: CommentFormState = { status: 'idle' }

export function toInvalidFormState(parsed: Exclude<ParsedCommentForm, { ok: true }>): CommentFormState {
  switch (parsed.reason) {
    case 'invalid-fields':
      return {
        status: 'invalid',
        message: m.fixErrors,
        fieldErrors: parsed.fieldErrors,
        values: parsed.values,
      }
    case 'bad-form':
      return { status: 'rejected', message: m.badForm, values: parsed.values }
    default:
      return assertNever(parsed)
  }
}

/** After success the comment text is cleared; name, email and website stay. */
export function toFormState(result: SubmitResult, values: CommentFormValues): CommentFormState {
  if (result.ok)
    return {
      status: 'accepted',
      message: m.accepted,
      commentId: result.commentId,
      comment: { ...result.submitted, pending: true },
      values: { ...values, body: '' },
    }
  const rejected = (message: string): CommentFormState => ({ status: 'rejected', message, values })
  switch (result.reason) {
    case 'rate-limited':
      return rejected(m.rateLimited(Math.ceil(result.retryAfterMs / 1000)))
    case 'duplicate':
      return rejected(m.duplicate)
    case 'post-closed':
      return rejected(m.postClosed)
    case 'post-not-found':
      return rejected(m.postNotFound)
    case 'parent-not-found':
      return rejected(m.parentNotFound)
    default:
      return assertNever(result)
  }
}

/** The store could not take the comment: nothing was posted, and the reader keeps their text. */
export function toStoreFailureState(values: CommentFormValues): CommentFormState {
  return { status: 'rejected', message: m.storeUnavailable, values }
}

/** The comment form's props: small, made for it, no documents. */
export type CommentFormProps = {
  postId: string
  postSlug: string
  closed: boolean
  /**
   * Signed "form served at" time for the minimum fill time check, issued when the page was rendered. With
   * JavaScript the form swaps it for a fresh one on mount (see MAX_FORM_TOKEN_AGE_MS).
   */
  formToken: string
  replyTo: { id: string; name: string } | null
  cancelReplyHref: string
  /** Where the form posts before JavaScript loads: the page at the form, so the result is in view. */
  permalink: string
}
