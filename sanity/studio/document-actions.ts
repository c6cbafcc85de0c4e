import type { DocumentActionComponent, DocumentActionsContext } from 'sanity'
import { commentModerationActions } from './moderation/comment-actions.tsx'
import { withSettledPublish } from './settled-publish.tsx'

export const SINGLETON_TYPES = new Set(['siteSettings', 'moderationSettings'])
/** Types that only the site creates: the Studio moderates them but never offers "new". */
export const SITE_CREATED_TYPES = new Set(['comment'])

const SINGLETON_ACTIONS = new Set(['publish', 'discardChanges', 'restore'])
// Publish, duplicate, unpublish and restore would bypass the audit trail or make a second
// comment out of one; deleting stays for the rare comment that must go entirely.
const COMMENT_ACTIONS = new Set(['delete'])

export function resolveDocumentActions(
  actions: DocumentActionComponent[],
  { schemaType }: Pick<DocumentActionsContext, 'schemaType'>,
): DocumentActionComponent[] {
  if (schemaType === 'comment')
    return [
      ...commentModerationActions,
      ...actions.filter(({ action }) => action !== undefined && COMMENT_ACTIONS.has(action)),
    ]
  const kept = SINGLETON_TYPES.has(schemaType)
    ? actions.filter(({ action }) => action !== undefined && SINGLETON_ACTIONS.has(action))
    : actions
  return kept.map((action) => (action.action === 'publish' ? withSettledPublish(action) : action))
}
