import { UserIcon } from '@sanity/icons/User'
import { defineField, defineType } from 'sanity'
import { SLUG_MAX_LENGTH } from '../../../lib/content/limits.ts'
import { toSlug } from '../../../lib/content/slug.ts'

export const author = defineType({
  name: 'author',
  title: 'Author',
  type: 'document',
  icon: UserIcon,
  fields: [
    defineField({ name: 'name', type: 'string', validation: (rule) => rule.required() }),
    defineField({
      name: 'slug',
      type: 'slug',
      options: { source: 'name', maxLength: SLUG_MAX_LENGTH, slugify: toSlug },
      validation: (rule) => rule.required(),
    }),
    defineField({ name: 'bio', type: 'text', rows: 4 }),
    defineField({
      name: 'picture',
      type: 'image',
      options: { hotspot: true },
      fields: [
        defineField({
          name: 'alt',
          title: 'Alternative text',
          type: 'string',
          validation: (rule) => rule.required(),
        }),
      ],
    }),
  ],
  preview: { select: { title: 'name', subtitle: 'slug.current', media: 'picture' } },
})
