import 'server-only'
import type { CommentStore } from '@/lib/comments/store'
import { isSpamCheck, SPAM_CHECK_LABELS } from '@/lib/comments/spam/checks'
import type { ComposeResult, OutboxItem } from '@/lib/mail/outbox'
import { buildModerationMail } from '@/lib/mail/templates/moderation'
import { routes, toAbsoluteUrl } from '@/lib/routes'
import {
  createModerationToken,
  MODERATION_ACTIONS,
  type ModerationAction,
  type SigningKey,
} from '@/lib/security/tokens'

export type ComposeDeps = {
  store: CommentStore
  key: SigningKey
  siteUrl: string
  fromAddress: string
  now: () => Date
}

/**
 * The moderation mail for one outbox item, built when it is sent: the waiting count is current and the links'
 * 7 days start then. Cancels when the comment is gone or a moderator decided before the mail went out.
 */
export async function composeModerationMail(item: OutboxItem, deps: ComposeDeps): Promise<ComposeResult> {
  const comment = await deps.store.getCommentForModeration(item.commentId)
  if (comment === null) return { kind: 'cancel', reason: 'comment deleted' }
  if (comment.status !== 'pending') return { kind: 'cancel', reason: `comment already ${comment.status}` }
  const [settings, history] = await Promise.all([
    deps.store.getSiteSettings(),
    deps.store.getCommenterHistory(comment.email, comment._id),
  ])
  const now = deps.now()
  const link = (action: ModerationAction): string =>
    toAbsoluteUrl(
      deps.siteUrl,
      routes.moderate(
        createModerationToken(deps.key, { commentId: comment._id, action, moderator: item.to }, now),
      ),
    )
  const [approve, spam, trash] = MODERATION_ACTIONS.map(link)
  if (approve === undefined || spam === undefined || trash === undefined)
    throw new Error('Missing moderation action')
  const message = buildModerationMail({
    siteTitle: settings.siteTitle,
    from: { name: settings.siteTitle, address: deps.fromAddress },
    to: { address: item.to },
    post: {
      title: comment.post?.title ?? '(deleted post)',
      url: comment.post === null ? deps.siteUrl : toAbsoluteUrl(deps.siteUrl, routes.post(comment.post.slug)),
    },
    comment: {
      name: comment.name,
      email: comment.email,
      website: comment.website,
      body: comment.body,
      createdAt: comment.createdAt,
    },
    parent: comment.parent,
    ipPrefix: item.ipPrefix ?? 'unknown',
    history,
    checks: (comment.checksFired ?? []).filter(isSpamCheck).map((check) => SPAM_CHECK_LABELS[check]),
    waitingCount: history.waiting,
    links: { approve, spam, trash, studio: toAbsoluteUrl(deps.siteUrl, routes.studioComment(comment._id)) },
  })
  return { kind: 'send', message }
}
