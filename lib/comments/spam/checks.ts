// The names recorded in comment.checksFired and shown to moderators.
export const SPAM_CHECKS = [
  'honeypot',
  'too-fast',
  'bad-form-token',
  'stale-form-token',
  'too-many-links',
  'moderation-word',
  'disallowed-word',
] as const

export type SpamCheck = (typeof SPAM_CHECKS)[number]

export const SPAM_CHECK_LABELS = {
  honeypot: 'The hidden trap field was filled in',
  'too-fast': 'The form was posted faster than a person can type',
  'bad-form-token': 'The form’s signed timestamp was missing or forged',
  'stale-form-token': 'The form was served more than a day before it was posted',
  'too-many-links': 'More links than the site allows',
  'moderation-word': 'Contains a word from the moderation list',
  'disallowed-word': 'Contains a word from the disallowed list',
} as const satisfies Record<SpamCheck, string>

export function isSpamCheck(value: string): value is SpamCheck {
  return (SPAM_CHECKS as readonly string[]).includes(value)
}
