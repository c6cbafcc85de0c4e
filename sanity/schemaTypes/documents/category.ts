import { TagIcon } from '@sanity/icons/Tag'
import { defineField, defineType } from 'sanity'
import { SLUG_MAX_LENGTH } from '../../../lib/content/limits.ts'
import { toSlug } from '../../../lib/content/slug.ts'

export const category = defineType({
  name: 'category',
  title: 'Category',
  type: 'document',
  icon: TagIcon,
  fields: [
    defineField({ name: 'title', type: 'string', validation: (rule) => rule.required() }),
    defineField({
      name: 'slug',
      type: 'slug',
      options: { source: 'title', maxLength: SLUG_MAX_LENGTH, slugify: toSlug },
      validation: (rule) => rule.required(),
    }),
    defineField({ name: 'description', type: 'text', rows: 3 }),
  ],
  preview: { select: { title: 'title', subtitle: 'description' } },
})
