import { useState } from 'react'
import {
  useClient,
  useCurrentUser,
  type DocumentActionComponent,
  type DocumentActionDescription,
  type DocumentActionProps,
} from 'sanity'
import {
  buildAuditEntry,
  canApplyModeration,
  parseCommentStatus,
  toModeratorLabel,
} from '../../../lib/comments/moderation-rules.ts'
import { STATUS_BY_ACTION } from '../../../lib/comments/status.ts'
import type { ModerationAction } from '../../../lib/security/tokens.ts'
import { SANITY_API_VERSION } from '../../../lib/content/api-version.ts'
import { ACTION_LABELS, moderationMessages } from './messages.ts'
import { STATUS_ICONS } from './status-icons.ts'

type ActionState = { step: 'idle' } | { step: 'saving' } | { step: 'failed'; message: string }

const ACTION_TONES = {
  approve: 'positive',
  spam: 'caution',
  trash: 'critical',
} as const satisfies Record<ModerationAction, DocumentActionDescription['tone']>

/** A 409 from the store: `ifRevisionID` no longer matched, so someone else wrote first. */
export function isRevisionConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'statusCode' in error && error.statusCode === 409
}

function createModerationAction(action: ModerationAction): DocumentActionComponent {
  const status = STATUS_BY_ACTION[action]

  function useModerationAction(props: DocumentActionProps): DocumentActionDescription | null {
    const client = useClient({ apiVersion: SANITY_API_VERSION })
    const user = useCurrentUser()
    const [state, setState] = useState<ActionState>({ step: 'idle' })
    const { published, onComplete } = props
    if (!canApplyModeration(action, parseCommentStatus(published?.status))) return null

    const unavailable =
      published === null ? moderationMessages.notLoaded : user === null ? moderationMessages.noUser : null
    const decide = async (): Promise<void> => {
      if (published === null || user === null) return
      setState({ step: 'saving' })
      const entry = buildAuditEntry(
        { status, at: new Date(), by: toModeratorLabel(user), channel: 'studio' },
        crypto.randomUUID(),
      )
      try {
        // One patch, one transaction: the status and its audit entry land together or not at all,
        // and only on the revision the moderator saw. The site revalidates from the lake's webhook.
        await client
          .patch(published._id)
          .ifRevisionId(published._rev)
          .set({ status })
          .setIfMissing({ auditTrail: [] })
          .append('auditTrail', [entry])
          .commit({ visibility: 'sync' })
        setState({ step: 'idle' })
        onComplete()
      } catch (error) {
        if (!isRevisionConflict(error)) console.error(`Could not ${action} comment ${published._id}`, error)
        setState({
          step: 'failed',
          message: isRevisionConflict(error) ? moderationMessages.conflict : moderationMessages.failed,
        })
      }
    }

    return {
      label: ACTION_LABELS[action],
      icon: STATUS_ICONS[status],
      tone: ACTION_TONES[action],
      disabled: unavailable !== null || state.step === 'saving',
      title: unavailable ?? undefined,
      onHandle: () => void decide(),
      dialog:
        state.step === 'failed'
          ? { type: 'popover', content: state.message, onClose: () => setState({ step: 'idle' }) }
          : null,
    }
  }
  useModerationAction.displayName = `CommentAction(${action})`
  return useModerationAction
}

export const commentModerationActions: DocumentActionComponent[] = [
  createModerationAction('approve'),
  createModerationAction('spam'),
  createModerationAction('trash'),
]
