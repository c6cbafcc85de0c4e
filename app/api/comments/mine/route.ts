import { parsePostIdQuery } from '@/lib/comments/input'
import { listOwnPendingComments } from '@/lib/comments/read'

// Only this reader may see the answer: never in a shared cache.
const PRIVATE = { 'Cache-Control': 'private, no-store' }

/** `GET ?postId=`: `{ comments }`, the reader's own comments awaiting moderation (public fields, never emails). */
export async function GET(request: Request): Promise<Response> {
  const postId = parsePostIdQuery(new URL(request.url).searchParams)
  if (postId === null) return Response.json({ error: 'Unknown post.' }, { status: 400, headers: PRIVATE })
  try {
    const comments = await listOwnPendingComments(postId)
    return Response.json({ comments }, { headers: PRIVATE })
  } catch (error) {
    console.error('comments/mine: could not list the reader’s pending comments', error)
    return Response.json({ error: 'Comments are unavailable just now.' }, { status: 503, headers: PRIVATE })
  }
}
