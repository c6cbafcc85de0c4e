// Threaded display: replies nest up to MAX_THREAD_DEPTH levels; deeper replies are listed flat on the last level.

export const MAX_THREAD_DEPTH = 3

export type ThreadComment = {
  _id: string
  parentId: string | null
  name: string
  website: string | null
  body: string
  createdAt: string
  /** The reader's own comment that a moderator has not approved yet. */
  pending: boolean
}

export type ThreadNode = ThreadComment & { depth: number; canReply: boolean; replies: ThreadNode[] }

/** Oldest first at every level. A reply whose parent is not shown (trashed since) starts a thread of its own. */
export function buildCommentThread(comments: readonly ThreadComment[]): ThreadNode[] {
  const sorted = [...comments].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id),
  )
  const nodes = new Map<string, ThreadNode>()
  const roots: ThreadNode[] = []
  for (const comment of sorted) nodes.set(comment._id, { ...comment, depth: 1, canReply: false, replies: [] })
  for (const comment of sorted) {
    const node = nodes.get(comment._id)
    if (node === undefined) continue
    const parent = comment.parentId === null ? undefined : nodes.get(comment.parentId)
    if (parent === undefined || createsCycle(nodes, comment)) roots.push(node)
    else parent.replies.push(node)
  }
  return roots.map((root) => place(root, 1))
}

function place(node: ThreadNode, depth: number): ThreadNode {
  if (depth < MAX_THREAD_DEPTH - 1) {
    return {
      ...node,
      depth,
      canReply: !node.pending,
      replies: node.replies.map((reply) => place(reply, depth + 1)),
    }
  }
  // The last level holds every deeper descendant in date order, and offers no further "Reply".
  const flat = node.replies.flatMap(function collect(reply): ThreadNode[] {
    return [reply, ...reply.replies.flatMap(collect)]
  })
  flat.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id))
  return {
    ...node,
    depth,
    canReply: !node.pending,
    replies: flat.map((reply) => ({ ...reply, depth: depth + 1, canReply: false, replies: [] })),
  }
}

function createsCycle(nodes: Map<string, ThreadNode>, comment: ThreadComment): boolean {
  const seen = new Set([comment._id])
  let parentId = comment.parentId
  while (parentId !== null) {
    if (seen.has(parentId)) return true
    seen.add(parentId)
    parentId = nodes.get(parentId)?.parentId ?? null
  }
  return false
}

/** Paragraphs split on blank lines, lines inside a paragraph on single newlines. Rendered as text, never HTML. */
export function toParagraphs(body: string): string[][] {
  return body
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.split('\n'))
    .filter((lines) => lines.some((lineText) => lineText.trim() !== ''))
}

export function isLinkableWebsite(website: string | null): website is string {
  if (website === null) return false
  try {
    const { protocol } = new URL(website)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

/** The comment a reader may answer: shown in `thread` and offering "Reply". `null` otherwise. */
export function findReplyTarget(thread: readonly ThreadNode[], commentId: string): ThreadNode | null {
  for (const node of thread) {
    if (node._id === commentId) return node.canReply ? node : null
    const found = findReplyTarget(node.replies, commentId)
    if (found !== null) return found
  }
  return null
}

/** Ids of the comments in `thread` that show their replies beneath them (the ones offering "Reply"). */
export function listReplyableIds(thread: readonly ThreadNode[]): string[] {
  return thread.flatMap((node) => [...(node.canReply ? [node._id] : []), ...listReplyableIds(node.replies)])
}

/** Every comment in the thread, replies included. */
export function countThreadComments(thread: readonly ThreadNode[]): number {
  return thread.reduce((total, node) => total + 1 + countThreadComments(node.replies), 0)
}
