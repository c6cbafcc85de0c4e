import { defineField, defineType } from 'sanity'
import { COMMENT_AUDIT_CHANNELS, COMMENT_STATUSES } from '../../../lib/content/limits.ts'

export const commentAuditEntry = defineType({
  name: 'commentAuditEntry',
  title: 'Audit entry',
  type: 'object',
  fields: [
    defineField({
      name: 'status',
      type: 'string',
      options: { list: [...COMMENT_STATUSES] },
      validation: (rule) => rule.required(),
    }),
    defineField({ name: 'at', title: 'At', type: 'datetime', validation: (rule) => rule.required() }),
    defineField({
      name: 'by',
      title: 'By',
      type: 'string',
      description: 'Moderator email, or "system" for automatic checks.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'channel',
      type: 'string',
      options: { list: [...COMMENT_AUDIT_CHANNELS] },
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    select: { status: 'status', at: 'at', by: 'by', channel: 'channel' },
    prepare: ({ status, at, by, channel }) => ({
      title: `${String(status ?? '?')} by ${String(by ?? '?')}`,
      subtitle: `${String(channel ?? '')} · ${String(at ?? '')}`,
    }),
  },
})
