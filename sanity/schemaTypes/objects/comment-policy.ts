import { defineField, defineType } from 'sanity'

export const commentPolicy = defineType({
  name: 'commentPolicy',
  title: 'Comment policy',
  type: 'object',
  fields: [
    defineField({
      name: 'moderationWords',
      title: 'Hold for moderation when a comment contains',
      type: 'array',
      of: [{ type: 'string' }],
      options: { layout: 'tags' },
    }),
    defineField({
      name: 'disallowedWords',
      title: 'Mark as spam when a comment contains',
      type: 'array',
      of: [{ type: 'string' }],
      options: { layout: 'tags' },
    }),
    defineField({
      name: 'maxLinks',
      title: 'Hold when a comment has more links than',
      type: 'number',
      initialValue: 2,
      validation: (rule) => rule.integer().min(0),
    }),
    defineField({
      name: 'rateLimitPerMinute',
      title: 'Comments allowed per visitor per minute',
      type: 'number',
      initialValue: 3,
      validation: (rule) => rule.integer().min(1),
    }),
    defineField({
      name: 'rateLimitPerHour',
      title: 'Comments allowed per visitor per hour',
      type: 'number',
      initialValue: 20,
      validation: (rule) => rule.integer().min(1),
    }),
    defineField({
      name: 'rateLimitSitePerMinute',
      title: 'Comments allowed across the whole site per minute',
      description: 'A burst budget for floods from many addresses at once.',
      type: 'number',
      initialValue: 30,
      validation: (rule) => rule.integer().min(1),
    }),
    defineField({
      name: 'autoCloseDays',
      title: 'Close comments on posts older than (days)',
      type: 'number',
      description: 'Applies to posts whose comments are set to close automatically.',
      initialValue: 30,
      validation: (rule) => rule.integer().min(1),
    }),
  ],
})
