import type { DocumentActionComponent } from 'sanity'
import { describe, expect, it } from 'vitest'
import { resolveDocumentActions } from '@/sanity/studio/document-actions'

function anAction(action: DocumentActionComponent['action']): DocumentActionComponent {
  const component: DocumentActionComponent = () => null
  component.action = action
  return component
}

const DEFAULTS = (['publish', 'unpublish', 'discardChanges', 'duplicate', 'restore', 'delete'] as const).map(
  anAction,
)
const actionNames = (actions: DocumentActionComponent[]): Array<string | undefined> =>
  actions.map((action) => action.action ?? action.displayName)

describe('resolveDocumentActions', () => {
  it('gives a comment the three moderation decisions and delete, nothing that would bypass the audit trail', () => {
    expect(actionNames(resolveDocumentActions(DEFAULTS, { schemaType: 'comment' }))).toEqual([
      'CommentAction(approve)',
      'CommentAction(spam)',
      'CommentAction(trash)',
      'delete',
    ])
  })

  it('keeps the site settings singleton to publishing, discarding and restoring', () => {
    expect(actionNames(resolveDocumentActions(DEFAULTS, { schemaType: 'siteSettings' }))).toEqual([
      'publish',
      'discardChanges',
      'restore',
    ])
  })

  it('leaves every other type with the defaults, Publish wrapped so a click while saving waits', () => {
    const resolved = resolveDocumentActions(DEFAULTS, { schemaType: 'post' })
    expect(actionNames(resolved)).toEqual(actionNames(DEFAULTS))
    expect(resolved.slice(1)).toEqual(DEFAULTS.slice(1))
    expect(resolved[0]).not.toBe(DEFAULTS[0])
    expect(resolved[0]?.displayName).toBe('SettledPublishAction')
    // The Studio keys action hooks by identity; a new wrapper per render would drop their state.
    expect(resolveDocumentActions(DEFAULTS, { schemaType: 'post' })[0]).toBe(resolved[0])
  })
})
