// Every text a reader or moderator sees about comments. Says what happened and what to do next.
import type { CommentStatus } from '@/lib/comments/status'

export const commentMessages = {
  heading: 'Leave a Reply',
  replyHeading: (name: string): string => `Leave a Reply to ${name}`,
  cancelReply: 'Cancel reply',
  replyingTo: 'The comment you are replying to',
  notice: 'Your email address will not be published.',
  requiredNotice: 'Required fields are marked',
  labels: {
    body: 'Comment',
    name: 'Name',
    email: 'Email',
    website: 'Website',
    remember: 'Save my name, email, and website in this browser for the next time I comment.',
    honeypot: 'Leave this field empty',
  },
  submit: 'Post Comment',
  submitting: 'Posting…',
  closed: 'Comments are closed.',
  awaitingModeration: 'Your comment is awaiting moderation.',
  reply: 'Reply',
  replyTo: (name: string): string => `Reply to ${name}`,
  says: 'says:',
  listHeading: 'Comments',
  count: (n: number): string => (n === 1 ? '1 comment' : `${n.toLocaleString('en')} comments`),
  noComments: 'No comments yet.',

  bodyRequired: 'Please type your comment.',
  bodyTooShort: (min: number): string => `Your comment is too short: write at least ${min} characters.`,
  bodyTooLong: (max: number): string =>
    `Your comment is too long: shorten it to ${max.toLocaleString('en')} characters or fewer.`,
  nameRequired: 'Please enter your name.',
  nameTooLong: (max: number): string => `Your name is too long: use ${max} characters or fewer.`,
  emailRequired: 'Please enter your email address.',
  emailInvalid: 'Please enter a valid email address, like name@example.com.',
  emailTooLong: (max: number): string => `Your email address is too long: use ${max} characters or fewer.`,
  websiteInvalid:
    'Please enter a website address starting with http:// or https://, or leave the field empty.',
  websiteTooLong: (max: number): string =>
    `Your website address is too long: use ${max} characters or fewer.`,
  fixErrors: 'Your comment was not posted. Please correct the marked fields and post it again.',
  badForm:
    'Your comment could not be posted because the form was incomplete. Please reload the page and try again.',

  accepted: 'Thank you! Your comment is awaiting moderation.',
  rateLimited: (retryAfterSeconds: number): string =>
    `You are posting comments too quickly. Please wait ${formatWait(retryAfterSeconds)} and try again.`,
  duplicate: 'Duplicate comment detected; it looks as though you’ve already said that!',
  postClosed: 'Comments are closed on this post, so your comment was not posted.',
  postNotFound: 'This post does not accept comments. Please reload the page.',
  parentNotFound:
    'The comment you replied to is no longer available. Please post your comment as a new reply.',
  storeUnavailable:
    'Sorry, your comment could not be saved just now. Nothing was posted; please try again in a few minutes.',

  refused: {
    'cross-site': {
      title: 'Form sent from another site',
      body: 'This form was sent from a page on another website, so it was not accepted and nothing was posted. If you meant to comment here, go back to the article on this site and post your comment from there.',
    },
    'too-large': {
      title: 'Too much to send',
      body: 'What you sent is larger than this site accepts, so nothing was posted. Comments are at most a few thousand characters: shorten yours and post it again.',
    },
    backToPage: 'Back to the page',
    home: 'Go to the latest posts',
  },

  moderation: {
    title: 'Moderate comment',
    confirm: { approve: 'Approve comment', spam: 'Mark as spam', trash: 'Move to trash' },
    /** After this link's own POST: the page reloads and reports what was done. */
    doneAt: (status: CommentStatus, at: Date | null): string =>
      at === null
        ? `Done: comment ${statusWord(status)}.`
        : `Done: comment ${statusWord(status)} at ${formatTime(at)}.`,
    alreadyDecided: (status: CommentStatus, at: Date | null): string =>
      at === null ? `Already ${statusWord(status)}.` : `Already ${statusWord(status)} at ${formatTime(at)}.`,
    invalidLink:
      'This moderation link is not valid. Check that you copied the whole link, or moderate the comment in the Studio.',
    expiredLink:
      'This moderation link has expired (links work for 7 days). Moderate the comment in the Studio instead.',
    usedLink:
      'This moderation link has already been used. Moderate the comment in the Studio if you need to change it.',
    commentGone: 'This comment no longer exists.',
    conflict: 'The comment changed while you were moderating it. Reload the page to see its current state.',
    storeUnavailable: 'The comment could not be updated just now. Please try again in a few minutes.',
    onPost: 'On',
  },
} as const

function statusWord(status: CommentStatus): string {
  const words = {
    pending: 'pending',
    approved: 'approved',
    spam: 'marked as spam',
    trash: 'moved to trash',
  } as const
  return words[status]
}

/** `14:02 UTC on 25 Nov 2026`: moderators may be anywhere, so the zone is named. */
function formatTime(at: Date): string {
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
  const day = at.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
  return `${time} UTC on ${day}`
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} seconds`
  const minutes = Math.ceil(seconds / 60)
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}
