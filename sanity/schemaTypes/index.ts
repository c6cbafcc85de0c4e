import type { SchemaTypeDefinition } from 'sanity'
import { author } from './documents/author.ts'
import { category } from './documents/category.ts'
import { comment } from './documents/comment.ts'
import { moderationSettings } from './documents/moderation-settings.ts'
import { post } from './documents/post.ts'
import { siteSettings } from './documents/site-settings.ts'
import { blockContent } from './objects/block-content.ts'
import { commentAuditEntry } from './objects/comment-audit-entry.ts'
import { commentPolicy } from './objects/comment-policy.ts'
import { commentSettings } from './objects/comment-settings.ts'
import { seo } from './objects/seo.ts'

export const schemaTypes: SchemaTypeDefinition[] = [
  post,
  author,
  category,
  comment,
  siteSettings,
  moderationSettings,
  blockContent,
  seo,
  commentSettings,
  commentPolicy,
  commentAuditEntry,
]
