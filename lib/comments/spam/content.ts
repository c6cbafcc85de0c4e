// Rules over what a comment says. Pure: the policy comes from siteSettings through resolveCommentPolicy.
import type { CommentPolicy } from '@/lib/comments/spam/policy'
import type { SpamCheck } from '@/lib/comments/spam/checks'

type CommentText = { body: string; name: string; email: string; website?: string | undefined }

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+|<a\s[^>]*href/gi

export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0
}

/** The first listed word that appears in any field, compared case-insensitively as a substring (as WordPress does). */
export function findListedWord(comment: CommentText, words: readonly string[]): string | null {
  const haystack = [comment.body, comment.name, comment.email, comment.website ?? '']
    .join('\n')
    .normalize('NFC')
    .toLowerCase()
  return words.find((word) => word !== '' && haystack.includes(word.normalize('NFC').toLowerCase())) ?? null
}

export type ContentVerdict = { status: 'pending' | 'spam'; checks: SpamCheck[] }

/** A disallowed word makes the comment spam; too many links or a moderation word are recorded and hold it. */
export function evaluateContent(comment: CommentText, policy: CommentPolicy): ContentVerdict {
  const checks: SpamCheck[] = []
  if (countLinks(`${comment.body}\n${comment.name}`) > policy.maxLinks) checks.push('too-many-links')
  if (findListedWord(comment, policy.moderationWords) !== null) checks.push('moderation-word')
  const disallowed = findListedWord(comment, policy.disallowedWords) !== null
  if (disallowed) checks.push('disallowed-word')
  return { status: disallowed ? 'spam' : 'pending', checks }
}

export function isHoneypotFilled(value: string): boolean {
  return value.trim() !== ''
}
