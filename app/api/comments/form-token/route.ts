import { parsePostIdQuery } from '@/lib/comments/input'
import { createFreshFormToken } from '@/lib/comments/read'

// Per request by nature: the token's "issued at" is the moment the reader's form mounted.
const NO_STORE = { 'Cache-Control': 'no-store' }

/** `GET ?postId=`: `{ formToken }`. The token only proves when a form was served, so anyone may have one. */
export function GET(request: Request): Response {
  const postId = parsePostIdQuery(new URL(request.url).searchParams)
  if (postId === null) return Response.json({ error: 'Unknown post.' }, { status: 400, headers: NO_STORE })
  return Response.json({ formToken: createFreshFormToken(postId) }, { headers: NO_STORE })
}
