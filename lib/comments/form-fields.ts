// The comment form's field names and limits. No zod here: the client form imports this, and zod's
// capability probe (`new Function('')`) would trip the site's Content-Security-Policy in the browser.

export const MAX_NAME_LENGTH = 100
export const MAX_EMAIL_LENGTH = 254
export const MAX_WEBSITE_LENGTH = 200
export const MIN_BODY_LENGTH = 2
export const MAX_BODY_LENGTH = 5000

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
