'use client'
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import {
  getCookieValue,
  parseFormTokenAnswer,
  parseRememberedCommenter,
  REMEMBER_COOKIE,
} from '@/lib/comments/browser-data'
import { INITIAL_COMMENT_FORM_STATE, type CommentFormProps } from '@/lib/comments/form-state'
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
import { commentMessages as m } from '@/lib/comments/messages'
import { routes } from '@/lib/routes'
import { submitCommentAction } from './actions'
import { CommentView } from './comment-view'
import { addOwnComments } from './own-comments-store'

const fieldId = (field: VisibleField): string => `comment-${field}`
const errorId = (field: VisibleField): string => `comment-${field}-error`
const EMPTY_VALUES = { body: '', name: '', email: '', website: '', remember: false }
const subscribeNever = () => () => {}

/** Fills the empty name, email and website fields from the remember cookie, and ticks the box again. */
function fillRemembered(form: HTMLFormElement): void {
  const remembered = parseRememberedCommenter(getCookieValue(document.cookie, REMEMBER_COOKIE))
  if (remembered === null) return
  for (const field of ['name', 'email', 'website'] as const) {
    const input = form.elements.namedItem(COMMENT_FIELD[field])
    if (input instanceof HTMLInputElement && input.value === '') input.value = remembered[field]
  }
  const remember = form.elements.namedItem(COMMENT_FIELD.remember)
  if (remember instanceof HTMLInputElement) remember.checked = true
}

/** "Leave a Reply": posts without JavaScript, and with it keeps the page while posting. */
export function CommentForm({
  postId,
  postSlug,
  closed,
  formToken: renderedFormToken,
  replyTo,
  cancelReplyHref,
  permalink,
}: CommentFormProps) {
  const [state, formAction, pending] = useActionState(
    submitCommentAction,
    INITIAL_COMMENT_FORM_STATE,
    permalink,
  )
  const formRef = useRef<HTMLFormElement>(null)
  const [formToken, setFormToken] = useState(renderedFormToken)
  // False on the server and while hydrating: only then is this the page a no-JavaScript post came back to.
  const hydrated = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  )
  const values = state.status === 'idle' ? EMPTY_VALUES : state.values
  const errors = state.status === 'invalid' ? state.fieldErrors : {}

  useEffect(() => {
    if (closed) return
    // The page's own token was issued when the static page was rendered; count the fill time from now instead.
    // If this fails the rendered token still works (see MAX_FORM_TOKEN_AGE_MS).
    fetch(routes.commentFormToken(postId), { cache: 'no-store' })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: unknown) => {
        const fresh = parseFormTokenAnswer(body)
        if (fresh !== null) setFormToken(fresh)
      })
      .catch(() => {})
  }, [closed, postId])

  useEffect(() => {
    if (formRef.current !== null && state.status === 'idle') fillRemembered(formRef.current)
    // Only on mount: after a post the action state carries what the reader typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    if (state.status === 'accepted') addOwnComments(postId, [state.comment])
    if (state.status !== 'invalid') return
    const first = VISIBLE_FIELDS.find((field) => state.fieldErrors[field] !== undefined)
    if (first !== undefined) formRef.current?.querySelector<HTMLElement>(`#${fieldId(first)}`)?.focus()
  }, [state, postId])

  if (closed) {
    return (
      <section className="post-section reply" id="respond" aria-labelledby="reply-heading">
        <h2 id="reply-heading">{m.heading}</h2>
        <p className="notice">{m.closed}</p>
      </section>
    )
  }

  const describedBy = (field: VisibleField): string | undefined =>
    errors[field] === undefined ? undefined : errorId(field)
  const fieldError = (field: VisibleField) =>
    errors[field] === undefined ? null : (
      <p id={errorId(field)} className="field__error">
        {errors[field]}
      </p>
    )
  // The `required` attribute already tells assistive technology; the star is for sighted readers.
  const required = <span aria-hidden="true"> *</span>

  return (
    <section className="post-section reply" id="respond" aria-labelledby="reply-heading">
      <h2 id="reply-heading">{replyTo === null ? m.heading : m.replyHeading(replyTo.name)}</h2>
      {replyTo === null ? null : (
        <p>
          <a href={cancelReplyHref}>{m.cancelReply}</a>
        </p>
      )}
      {state.status === 'accepted' && !hydrated ? (
        // Without JavaScript nothing else can show the reader their comment: the page is the same for everyone.
        // With it, the comment list shows it (own-comments-store), in its place in the thread.
        <ol className="comment-list">
          <li className="comment comment--depth-1">
            <CommentView node={{ ...state.comment, canReply: false }} postSlug={postSlug} />
          </li>
        </ol>
      ) : null}
      <p id="reply-note">
        {m.notice} {m.requiredNotice} <span aria-hidden="true">*</span>
      </p>
      <form ref={formRef} className="comment-form" action={formAction} aria-describedby="reply-note">
        <p
          role="status"
          className={state.status === 'accepted' ? 'notice notice--success' : 'notice'}
          hidden={state.status === 'idle'}
        >
          {state.status === 'idle' ? '' : state.message}
        </p>
        <input type="hidden" name={COMMENT_FIELD.postId} value={postId} />
        {replyTo === null ? null : <input type="hidden" name={COMMENT_FIELD.parentId} value={replyTo.id} />}
        <input type="hidden" name={COMMENT_FIELD.formToken} value={formToken} />
        <div className="field">
          <label htmlFor={fieldId('body')}>
            {m.labels.body}
            {required}
          </label>
          <textarea
            id={fieldId('body')}
            name={COMMENT_FIELD.body}
            rows={8}
            required
            minLength={MIN_BODY_LENGTH}
            maxLength={MAX_BODY_LENGTH}
            defaultValue={values.body}
            aria-invalid={errors.body !== undefined}
            aria-describedby={describedBy('body')}
          />
          {fieldError('body')}
        </div>
        <div className="field">
          <label htmlFor={fieldId('name')}>
            {m.labels.name}
            {required}
          </label>
          <input
            id={fieldId('name')}
            name={COMMENT_FIELD.name}
            type="text"
            autoComplete="name"
            required
            maxLength={MAX_NAME_LENGTH}
            defaultValue={values.name}
            aria-invalid={errors.name !== undefined}
            aria-describedby={describedBy('name')}
          />
          {fieldError('name')}
        </div>
        <div className="field">
          <label htmlFor={fieldId('email')}>
            {m.labels.email}
            {required}
          </label>
          <input
            id={fieldId('email')}
            name={COMMENT_FIELD.email}
            type="email"
            autoComplete="email"
            required
            maxLength={MAX_EMAIL_LENGTH}
            defaultValue={values.email}
            aria-invalid={errors.email !== undefined}
            aria-describedby={describedBy('email')}
          />
          {fieldError('email')}
        </div>
        <div className="field">
          <label htmlFor={fieldId('website')}>{m.labels.website}</label>
          <input
            id={fieldId('website')}
            name={COMMENT_FIELD.website}
            type="url"
            autoComplete="url"
            maxLength={MAX_WEBSITE_LENGTH}
            defaultValue={values.website}
            aria-invalid={errors.website !== undefined}
            aria-describedby={describedBy('website')}
          />
          {fieldError('website')}
        </div>
        {/* People never see this field; bots that fill every input do. */}
        <div
          aria-hidden="true"
          style={{ position: 'absolute', left: '-10000px', width: '1px', height: '1px', overflow: 'hidden' }}
        >
          <label htmlFor="comment-fax">{m.labels.honeypot}</label>
          <input
            id="comment-fax"
            name={COMMENT_FIELD.honeypot}
            type="text"
            tabIndex={-1}
            autoComplete="off"
            defaultValue=""
          />
        </div>
        <div className="field field--checkbox">
          <input
            id="comment-remember"
            name={COMMENT_FIELD.remember}
            type="checkbox"
            defaultChecked={values.remember}
          />
          <label htmlFor="comment-remember">{m.labels.remember}</label>
        </div>
        <button type="submit" className="button" disabled={pending} aria-disabled={pending}>
          {pending ? m.submitting : m.submit}
        </button>
      </form>
    </section>
  )
}
