import { revalidateTag } from 'next/cache'
import { env } from '@/lib/config/env'
import { ContentSourceError } from '@/lib/content/client'
import { listPostSlugsReferencing } from '@/lib/content/posts'
import { buildRevalidationTags, contentChangeSchema, REVALIDATION_PROFILE } from '@/lib/content/tags'
import {
  isValidWebhookSignature,
  MAX_WEBHOOK_BODY_BYTES,
  WEBHOOK_SIGNATURE_HEADER,
} from '@/lib/content/webhook-signature'
import { getRedisConnection, PAGE_CACHE_CONNECTION } from '@/lib/redis/connection'
import { readTextWithin } from '@/lib/security/limited-body'

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status })

export async function POST(request: Request): Promise<Response> {
  const secret = env.sanity.webhookSecret
  if (secret === undefined) {
    console.error('revalidate: SANITY_WEBHOOK_SECRET is not set, so no webhook can be verified')
    return json(503, { error: 'Webhook verification is not configured.' })
  }
  // Nothing is read for a request that cannot be signed, and never more than a webhook can be: a stranger's
  // 100 MB body was buffered whole before the 401 (#14).
  const signature = request.headers.get(WEBHOOK_SIGNATURE_HEADER)
  if (signature === null) return json(401, { error: 'Invalid signature.' })
  const rawBody = await readTextWithin(request, MAX_WEBHOOK_BODY_BYTES)
  if (rawBody === null) return json(413, { error: 'The body is too large.' })
  // Verify the bytes as they arrived, before parsing anything.
  if (!isValidWebhookSignature(rawBody, signature, secret)) return json(401, { error: 'Invalid signature.' })

  let body: unknown
  try {
    body = JSON.parse(rawBody)
  } catch {
    return json(400, { error: 'The body is not JSON.' })
  }
  const parsed = contentChangeSchema.safeParse(body)
  if (!parsed.success) return json(400, { error: 'The body does not describe a document change.' })
  const change = parsed.data

  let referencing: string[] = []
  let lookupFailed = false
  if (change._type === 'post' && buildRevalidationTags(change).length > 0) {
    try {
      referencing = await listPostSlugsReferencing(change._id)
    } catch (error) {
      if (!(error instanceof ContentSourceError)) throw error
      console.error('revalidate: could not look up posts that pick this post as related', error)
      lookupFailed = true
    }
  }

  const revalidated = buildRevalidationTags(change, referencing)
  for (const tag of revalidated) revalidateTag(tag, REVALIDATION_PROFILE)
  // A failed look-up still expires what it can, then asks the sender to retry for the rest.
  if (lookupFailed) return json(502, { revalidated, error: 'Related posts could not be looked up.' })
  // Without Redis only this instance's memory was revalidated: the sender's retry reaches the others.
  if (env.redisUrl !== undefined && !getRedisConnection(env.redisUrl, PAGE_CACHE_CONNECTION).isReady())
    return json(503, { revalidated, error: 'The shared page cache is unreachable; retry later.' })
  return json(200, { revalidated })
}
