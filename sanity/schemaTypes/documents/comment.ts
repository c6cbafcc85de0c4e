import { CommentIcon } from '@sanity/icons/Comment'
import { defineArrayMember, defineField, defineType } from 'sanity'
import { COMMENT_STATUSES } from '../../../lib/content/limits.ts'
import { buildCommentPreview, commentPreviewSelection } from './comment-preview.ts'

export const comment = defineType({
  name: 'comment',
  title: 'Comment',
  type: 'document',
  icon: CommentIcon,
  // Comments are written by the site and moderated in place: a draft would never reach readers.
  liveEdit: true,
  fieldsets: [
    {
      name: 'signals',
      title: 'Spam signals',
      options: { collapsible: true, collapsed: true },
    },
  ],
  fields: [
    defineField({
      name: 'post',
      type: 'reference',
      to: [{ type: 'post' }],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'parent',
      title: 'In reply to',
      type: 'reference',
      to: [{ type: 'comment' }],
      weak: true,
    }),
    defineField({ name: 'name', type: 'string', validation: (rule) => rule.required() }),
    defineField({
      name: 'email',
      type: 'string',
      description: 'Never shown on the site.',
      validation: (rule) => rule.required().email(),
    }),
    defineField({
      name: 'website',
      type: 'url',
      validation: (rule) => rule.uri({ scheme: ['http', 'https'] }),
    }),
    defineField({ name: 'body', type: 'text', rows: 6, validation: (rule) => rule.required() }),
    defineField({
      name: 'status',
      type: 'string',
      options: { list: [...COMMENT_STATUSES], layout: 'radio', direction: 'horizontal' },
      // Sanity 6 puts every action of a live-edit document in the footer's menu, none as a button.
      description:
        'Change it with Approve, Mark as spam or Move to trash in the ⋯ menu at the bottom, so the audit trail records who decided.',
      initialValue: 'pending',
      readOnly: true,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'createdAt',
      title: 'Created at',
      type: 'datetime',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'checksFired',
      title: 'Checks fired',
      type: 'array',
      of: [defineArrayMember({ type: 'string' })],
      readOnly: true,
      fieldset: 'signals',
    }),
    defineField({
      name: 'ipHash',
      title: 'IP hash',
      description: 'Equal hashes mean the same network, nothing more.',
      type: 'string',
      readOnly: true,
      fieldset: 'signals',
    }),
    defineField({
      name: 'userAgent',
      title: 'User agent',
      type: 'string',
      readOnly: true,
      fieldset: 'signals',
    }),
    defineField({
      name: 'usedTokenHashes',
      title: 'Used moderation links',
      description: 'SHA-256 of each one-click moderation link already used, so a link works once.',
      type: 'array',
      of: [defineArrayMember({ type: 'string' })],
      readOnly: true,
      hidden: true,
    }),
    defineField({
      name: 'auditTrail',
      title: 'Audit trail',
      type: 'array',
      of: [defineArrayMember({ type: 'commentAuditEntry' })],
      readOnly: true,
    }),
  ],
  orderings: [
    { title: 'Newest first', name: 'createdAtDesc', by: [{ field: 'createdAt', direction: 'desc' }] },
  ],
  preview: {
    select: commentPreviewSelection,
    prepare: buildCommentPreview,
  },
})
