import { defineField, defineType } from 'sanity'
import { SEO_DESCRIPTION_MAX_LENGTH, SEO_TITLE_MAX_LENGTH } from '../../../lib/content/limits.ts'

export const seo = defineType({
  name: 'seo',
  title: 'SEO overrides',
  type: 'object',
  description: 'Leave empty to use the post title and excerpt.',
  options: { collapsible: true, collapsed: true },
  fields: [
    defineField({
      name: 'title',
      title: 'SEO title',
      type: 'string',
      validation: (rule) => rule.max(SEO_TITLE_MAX_LENGTH).warning(),
    }),
    defineField({
      name: 'description',
      title: 'SEO description',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.max(SEO_DESCRIPTION_MAX_LENGTH).warning(),
    }),
  ],
})
