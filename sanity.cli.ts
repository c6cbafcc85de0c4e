import { defineCliConfig } from 'sanity/cli'

export default defineCliConfig({
  api: { projectId: 'lakeside', dataset: 'production' },
  typegen: {
    path: './lib/content/queries.ts',
    schema: './sanity/schema.json',
    generates: './sanity/sanity.types.ts',
  },
})
