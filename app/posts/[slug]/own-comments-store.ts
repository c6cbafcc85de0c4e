// The reader's own comments awaiting moderation, shared by the client leaves of one page: fetched once from the
// `mine` route handler (the static page cannot know them) and joined by what the form has just posted.
import { useEffect, useSyncExternalStore } from 'react'
import { parseOwnCommentsAnswer } from '@/lib/comments/browser-data'
import type { ThreadComment } from '@/lib/comments/thread'
import { routes } from '@/lib/routes'

const NONE: readonly ThreadComment[] = []
const byPost = new Map<string, readonly ThreadComment[]>()
const requested = new Set<string>()
const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Adds comments not shown yet, oldest first, as the thread orders them. */
export function addOwnComments(postId: string, comments: readonly ThreadComment[]): void {
  const current = byPost.get(postId) ?? NONE
  const known = new Set(current.map((comment) => comment._id))
  const added = comments.filter((comment) => !known.has(comment._id))
  if (added.length === 0) return
  byPost.set(
    postId,
    [...current, ...added].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  )
  for (const listener of listeners) listener()
}

function requestOwnComments(postId: string): void {
  if (requested.has(postId)) return
  requested.add(postId)
  fetch(routes.ownComments(postId), { cache: 'no-store', credentials: 'same-origin' })
    .then((response) => (response.ok ? response.json() : null))
    .then((body: unknown) => addOwnComments(postId, parseOwnCommentsAnswer(body) ?? []))
    // Offline or the store is down (the handler logs it): the reader's pending comments just stay hidden,
    // as they are to everyone else; the next page load asks again.
    .catch(() => requested.delete(postId))
}

/** Empty on the server and during hydration, so the static HTML never depends on the reader. */
export function useOwnComments(postId: string): readonly ThreadComment[] {
  useEffect(() => requestOwnComments(postId), [postId])
  return useSyncExternalStore(
    subscribe,
    () => byPost.get(postId) ?? NONE,
    () => NONE,
  )
}
