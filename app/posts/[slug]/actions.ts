'use server'
import { headers } from 'next/headers'
import { after } from 'next/server'
import { recordOwnComment, rememberCommenter } from '@/lib/comments/cookies'
import { getSubmitDeps } from '@/lib/comments/deps'
import {
  toFormState,
  toInvalidFormState,
  toStoreFailureState,
  type CommentFormState,
} from '@/lib/comments/form-state'
import { parseCommentForm } from '@/lib/comments/input'
import { kickModerationMail } from '@/lib/comments/mail-worker'
import { submitComment } from '@/lib/comments/submit'
import { getRequestIp } from '@/lib/security/connection-address'

export async function submitCommentAction(
  _previous: CommentFormState,
  form: FormData,
): Promise<CommentFormState> {
  const parsed = parseCommentForm(form)
  if (!parsed.ok) return toInvalidFormState(parsed)
  const { input, values } = parsed
  const request = await headers()
  const visitor = { ip: getRequestIp(request), userAgent: request.get('user-agent') ?? '' }
  const result = await submitComment(input, visitor, getSubmitDeps()).catch((error: unknown) => {
    console.error('Comment not stored', error)
    return null
  })
  if (result === null) return toStoreFailureState(values)
  await rememberCommenter(
    { name: input.name, email: input.email, website: input.website ?? '' },
    input.remember,
  )
  if (result.ok) {
    await recordOwnComment(result.commentId)
    // The reader's answer never waits for SMTP: the outbox item is already stored with the comment.
    after(kickModerationMail)
  }
  return toFormState(result, values)
}
