// How a comment shows in lists and search: who wrote what, on which post. Never the commenter's email.
const EXCERPT_LENGTH = 90

export const commentPreviewSelection = {
  name: 'name',
  body: 'body',
  postTitle: 'post.title',
  parentName: 'parent.name',
} as const

export type CommentPreview = { title: string; subtitle: string }

function readText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

function toExcerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ')
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`
}

export function buildCommentPreview(selection: Record<string, unknown>): CommentPreview {
  const name = readText(selection.name) ?? 'Anonymous'
  const postTitle = readText(selection.postTitle)
  const parentName = readText(selection.parentName)
  const body = readText(selection.body)
  const context = [
    postTitle === null ? null : `on ${postTitle}`,
    parentName === null ? null : `reply to ${parentName}`,
  ]
    .filter((part) => part !== null)
    .join(' · ')
  return {
    title: context === '' ? name : `${name} ${context}`,
    subtitle: body === null ? '(no text)' : toExcerpt(body),
  }
}
