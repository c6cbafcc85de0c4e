import { CheckmarkCircleIcon } from '@sanity/icons/CheckmarkCircle'
import { ClockIcon } from '@sanity/icons/Clock'
import { TrashIcon } from '@sanity/icons/Trash'
import { WarningOutlineIcon } from '@sanity/icons/WarningOutline'
import type { ComponentType } from 'react'
import type { CommentStatus } from '../../../lib/comments/status.ts'

export const STATUS_ICONS = {
  pending: ClockIcon,
  approved: CheckmarkCircleIcon,
  spam: WarningOutlineIcon,
  trash: TrashIcon,
} as const satisfies Record<CommentStatus, ComponentType>
