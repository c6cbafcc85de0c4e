// Shared by the Studio schema, the readers and the tests, so each limit exists once.
export const POSTS_PER_PAGE = 6
export const RELATED_POSTS_COUNT = 3
export const MAX_HAND_PICKED_RELATED = 3
export const EXCERPT_MAX_LENGTH = 240
export const SEO_TITLE_MAX_LENGTH = 70
export const SEO_DESCRIPTION_MAX_LENGTH = 160
export const SLUG_MAX_LENGTH = 96
export const WORDS_PER_MINUTE = 220
export const FEED_ITEM_COUNT = 20
export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const
export const COMMENT_MODES = ['open', 'closed', 'autoClose'] as const
export const COMMENT_AUDIT_CHANNELS = ['web', 'studio', 'email', 'system'] as const
/**
 * The moderation settings' document id. Dotted on purpose: Sanity (and the embedded lake) serves a document whose id
 * has a path segment only to requests with a token, so moderators' addresses and the spam word lists stay private.
 */
export const MODERATION_SETTINGS_ID = 'private.moderationSettings'
