import { CogIcon } from '@sanity/icons/Cog'
import { LockIcon } from '@sanity/icons/Lock'
import type { StructureResolver } from 'sanity/structure'
import { MODERATION_SETTINGS_ID } from '../../lib/content/limits.ts'
import { SITE_SETTINGS_ID } from '../schemaTypes/documents/site-settings.ts'
import { commentsListItem } from './moderation/comment-lists.ts'

const LISTED_TYPES = ['post', 'author', 'category'] as const

export const structure: StructureResolver = (S, context) =>
  S.list()
    .title('Content')
    .items([
      ...LISTED_TYPES.map((type) => S.documentTypeListItem(type)),
      S.divider(),
      commentsListItem(S, context),
      S.divider(),
      S.listItem()
        .title('Site settings')
        .id(SITE_SETTINGS_ID)
        .icon(CogIcon)
        .child(S.document().schemaType('siteSettings').documentId(SITE_SETTINGS_ID).title('Site settings')),
      S.listItem()
        .title('Moderation settings')
        .id('moderationSettings')
        .icon(LockIcon)
        .child(
          S.document()
            .schemaType('moderationSettings')
            .documentId(MODERATION_SETTINGS_ID)
            .title('Moderation settings'),
        ),
    ])
