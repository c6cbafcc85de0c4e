import { defineConfig } from 'sanity'
import { structureTool } from 'sanity/structure'
import { schemaTypes } from '../schemaTypes/index.ts'
import { structure } from './structure.ts'
import { studioEnv } from './studio-env.ts'

const SINGLETON_TYPES = new Set(['siteSettings'])
const SINGLETON_ACTIONS = new Set(['publish', 'discardChanges', 'restore'])

export default defineConfig({
  name: 'default',
  title: 'Lakeside Blog',
  projectId: studioEnv.projectId,
  dataset: studioEnv.dataset,
  apiHost: studioEnv.apiHost,
  plugins: [structureTool({ structure })],
  schema: {
    types: schemaTypes,
    // A singleton is opened from the structure only, never created from the "new document" menu.
    templates: (templates) => templates.filter(({ schemaType }) => !SINGLETON_TYPES.has(schemaType)),
  },
  document: {
    actions: (actions, { schemaType }) =>
      SINGLETON_TYPES.has(schemaType)
        ? actions.filter(({ action }) => action !== undefined && SINGLETON_ACTIONS.has(action))
        : actions,
    comments: { enabled: false },
  },
  // Hosted-only features that a local lake does not serve.
  tasks: { enabled: false },
  releases: { enabled: false },
  scheduledPublishing: { enabled: false },
  announcements: { enabled: false },
})
