import { CommentIcon } from '@sanity/icons/Comment'
import { DocumentsIcon } from '@sanity/icons/Documents'
import { map } from 'rxjs'
import type {
  ListBuilder,
  ListItemBuilder,
  StructureBuilder,
  StructureResolverContext,
} from 'sanity/structure'
import { COMMENT_STATUSES } from '../../../lib/content/limits.ts'
import { parseCommentStatus } from '../../../lib/comments/moderation-rules.ts'
import type { CommentStatus } from '../../../lib/comments/status.ts'
import { SANITY_API_VERSION } from '../../../lib/content/api-version.ts'
import {
  buildCountedTitle,
  commentChangesQuery,
  commentCountsQuery,
  parseCommentCounts,
  type CommentCounts,
} from './counts.ts'
import { moderationMessages, STATUS_TITLES } from './messages.ts'
import { STATUS_ICONS } from './status-icons.ts'

/** Also the first segment of the Studio's comment URLs (`routes.studioComment`): keep it stable. */
export const COMMENTS_ITEM_ID = 'comment'
const ALL_COMMENTS_ID = 'all'
const NEWEST_FIRST = [{ field: 'createdAt', direction: 'desc' }] as const

function statusList(S: StructureBuilder, status: CommentStatus) {
  return S.documentList()
    .id(status)
    .title(STATUS_TITLES[status])
    .schemaType('comment')
    .apiVersion(SANITY_API_VERSION)
    .filter('_type == "comment" && status == $status')
    .params({ status })
    .defaultOrdering([...NEWEST_FIRST])
    .initialValueTemplates([])
}

function allCommentsList(S: StructureBuilder) {
  return S.documentTypeList('comment')
    .id(ALL_COMMENTS_ID)
    .title(moderationMessages.allCommentsTitle)
    .defaultOrdering([...NEWEST_FIRST])
    .initialValueTemplates([])
}

function buildCommentsList(S: StructureBuilder, counts: CommentCounts | null): ListBuilder {
  return (
    S.list()
      .id(COMMENTS_ITEM_ID)
      .title(moderationMessages.commentsTitle)
      .items([
        ...COMMENT_STATUSES.map((status) =>
          S.listItem()
            .id(status)
            .title(buildCountedTitle(STATUS_TITLES[status], counts?.[status] ?? null))
            .icon(STATUS_ICONS[status])
            .child(statusList(S, status)),
        ),
        S.divider(),
        S.listItem()
          .id(ALL_COMMENTS_ID)
          .title(moderationMessages.allCommentsTitle)
          .icon(DocumentsIcon)
          .child(allCommentsList(S)),
      ])
      // Besides its lists, the section opens a comment by id, so `comment;<id>` links keep working.
      .child((id) => {
        const status = parseCommentStatus(id)
        if (status !== null) return statusList(S, status)
        if (id === ALL_COMMENTS_ID) return allCommentsList(S)
        return S.document().schemaType('comment').documentId(id)
      })
  )
}

/** The moderation inbox: one list per status, each title counting its comments live. */
export function commentsListItem(S: StructureBuilder, context: StructureResolverContext): ListItemBuilder {
  const counts$ = context.documentStore
    .listenQuery(
      { fetch: commentCountsQuery, listen: commentChangesQuery },
      {},
      { tag: 'comment-counts', apiVersion: SANITY_API_VERSION, throttleTime: 1000 },
    )
    .pipe(map((result: unknown) => buildCommentsList(S, parseCommentCounts(result))))
  return S.listItem()
    .id(COMMENTS_ITEM_ID)
    .title(moderationMessages.commentsTitle)
    .icon(CommentIcon)
    .child(counts$)
}
