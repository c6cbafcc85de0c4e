import { defineField, defineType } from 'sanity'
import { COMMENT_MODES } from '../../../lib/content/limits.ts'

const MODE_TITLES = { open: 'Open', closed: 'Closed', autoClose: 'Close automatically after N days' } as const

export const commentSettings = defineType({
  name: 'commentSettings',
  title: 'Comments',
  type: 'object',
  fields: [
    defineField({
      name: 'mode',
      title: 'Comments',
      type: 'string',
      options: {
        list: COMMENT_MODES.map((value) => ({ value, title: MODE_TITLES[value] })),
        layout: 'radio',
      },
      initialValue: 'autoClose',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'closeAfterDays',
      title: 'Close after (days)',
      type: 'number',
      description: 'Counted from the publish date. Empty uses the site default.',
      hidden: ({ parent }) => parent?.mode !== 'autoClose',
      validation: (rule) => rule.integer().min(1),
    }),
  ],
})
