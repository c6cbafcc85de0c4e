import { LockIcon } from '@sanity/icons/Lock'
import { defineArrayMember, defineField, defineType } from 'sanity'

// Its one document has the dotted id MODERATION_SETTINGS_ID (lib/content/limits.ts), which only a token can read.

export const moderationSettings = defineType({
  name: 'moderationSettings',
  title: 'Moderation settings',
  type: 'document',
  icon: LockIcon,
  description: 'Readable only with a token: not part of the public site settings.',
  fields: [
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
  preview: { prepare: () => ({ title: 'Moderation settings' }) },
})
