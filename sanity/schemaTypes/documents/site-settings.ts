import { CogIcon } from '@sanity/icons/Cog'
import { defineArrayMember, defineField, defineType } from 'sanity'

export const SITE_SETTINGS_ID = 'siteSettings'

export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Site settings',
  type: 'document',
  icon: CogIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Site title',
      type: 'string',
      validation: (rule) => rule.required(),
    }),
    defineField({ name: 'description', type: 'text', rows: 3 }),
    defineField({
      name: 'moderatorEmails',
      title: 'Moderator emails',
      description: 'Notified about comments waiting for moderation.',
      type: 'array',
      of: [defineArrayMember({ type: 'string', validation: (rule) => rule.email() })],
      validation: (rule) => rule.unique(),
    }),
    defineField({ name: 'commentPolicy', title: 'Comment policy', type: 'commentPolicy' }),
  ],
  preview: { prepare: () => ({ title: 'Site settings' }) },
})
