import { defineCliConfig } from 'sanity/cli'

export default defineCliConfig({
  api: { projectId: 'lakeside', dataset: 'production' },
  // `sanity build` writes asset URLs under this path; the lake serves the build there.
  project: { basePath: '/studio' },
  typegen: {
    path: './lib/content/queries.ts',
    schema: './sanity/schema.json',
    generates: './sanity/sanity.types.ts',
  },
})
