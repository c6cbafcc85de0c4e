import { CogIcon } from '@sanity/icons/Cog'
import { defineField, defineType } from 'sanity'

export const SITE_SETTINGS_ID = 'siteSettings'

// Public: anyone can read this document. Moderators and the spam word lists live in moderationSettings.
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
  ],
  preview: { prepare: () => ({ title: 'Site settings' }) },
})
