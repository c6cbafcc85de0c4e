import { DocumentTextIcon } from '@sanity/icons/DocumentText'
import { defineArrayMember, defineField, defineType } from 'sanity'
import { EXCERPT_MAX_LENGTH, MAX_HAND_PICKED_RELATED, SLUG_MAX_LENGTH } from '../../../lib/content/limits.ts'
import { toSlug } from '../../../lib/content/slug.ts'

export const post = defineType({
  name: 'post',
  title: 'Post',
  type: 'document',
  icon: DocumentTextIcon,
  groups: [
    { name: 'content', title: 'Content', default: true },
    { name: 'meta', title: 'Details' },
    { name: 'seo', title: 'SEO' },
  ],
  fields: [
    defineField({ name: 'title', type: 'string', group: 'content', validation: (rule) => rule.required() }),
    defineField({
      name: 'slug',
      type: 'slug',
      group: 'content',
      options: { source: 'title', maxLength: SLUG_MAX_LENGTH, slugify: toSlug },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'excerpt',
      type: 'text',
      rows: 3,
      group: 'content',
      description: 'Shown on listings and used as the default description.',
      validation: (rule) => rule.required().max(EXCERPT_MAX_LENGTH),
    }),
    defineField({
      name: 'coverImage',
      title: 'Cover image',
      type: 'image',
      group: 'content',
      options: { hotspot: true },
      fields: [
        defineField({
          name: 'alt',
          title: 'Alternative text',
          type: 'string',
          validation: (rule) => rule.required(),
        }),
      ],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'body',
      type: 'blockContent',
      group: 'content',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'author',
      type: 'reference',
      to: [{ type: 'author' }],
      group: 'meta',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'categories',
      type: 'array',
      group: 'meta',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'category' }] })],
      validation: (rule) => rule.unique().min(1),
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published at',
      type: 'datetime',
      group: 'meta',
      initialValue: () => new Date().toISOString(),
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'relatedPosts',
      title: 'Related posts',
      description: `Hand-picked, shown first. Up to ${MAX_HAND_PICKED_RELATED}; the rest are filled by shared categories.`,
      type: 'array',
      group: 'meta',
      of: [
        defineArrayMember({
          type: 'reference',
          to: [{ type: 'post' }],
          options: {
            filter: ({ document }) => ({
              filter: '!(_id in [$id, $draftId])',
              params: { id: document._id.replace(/^drafts\./, ''), draftId: document._id },
            }),
          },
        }),
      ],
      validation: (rule) => rule.unique().max(MAX_HAND_PICKED_RELATED),
    }),
    defineField({ name: 'comments', type: 'commentSettings', group: 'meta' }),
    defineField({ name: 'seo', type: 'seo', group: 'seo' }),
  ],
  orderings: [
    { title: 'Newest first', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] },
  ],
  preview: {
    select: { title: 'title', author: 'author.name', publishedAt: 'publishedAt', media: 'coverImage' },
    prepare: ({ title, author, publishedAt, media }) => ({
      title,
      subtitle: [author, typeof publishedAt === 'string' ? publishedAt.slice(0, 10) : 'unpublished']
        .filter(Boolean)
        .join(' · '),
      media,
    }),
  },
})
