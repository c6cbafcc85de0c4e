import { defineConfig } from 'sanity'
import { structureTool } from 'sanity/structure'
import { schemaTypes } from '../schemaTypes/index.ts'
import { resolveDocumentActions, SINGLETON_TYPES, SITE_CREATED_TYPES } from './document-actions.ts'
import { buildHostingOptions } from './hosting.ts'
import { missingStudioStrings } from './missing-strings.ts'
import { CommentStatusBadge } from './moderation/comment-status-badge.ts'
import { structure } from './structure.ts'
import { studioEnv } from './studio-env.ts'

const { commentsEnabled, ...hosting } = buildHostingOptions(studioEnv)

export default defineConfig({
  ...hosting,
  name: 'default',
  title: 'Lakeside Blog',
  plugins: [structureTool({ structure })],
  i18n: { bundles: missingStudioStrings },
  schema: {
    types: schemaTypes,
    // Singletons open from the structure only; comments come from the site's form only.
    templates: (templates) =>
      templates.filter(
        ({ schemaType }) => !SINGLETON_TYPES.has(schemaType) && !SITE_CREATED_TYPES.has(schemaType),
      ),
  },
  document: {
    actions: resolveDocumentActions,
    badges: (badges, { schemaType }) => (schemaType === 'comment' ? [CommentStatusBadge, ...badges] : badges),
    // The Studio's own document comments need hosted storage.
    comments: { enabled: commentsEnabled },
  },
})
