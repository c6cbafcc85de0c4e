import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'
import { parseSlugParam } from '@/lib/content/params'
import { isPreviewSecret } from '@/lib/content/preview-secret'
import { routes } from '@/lib/routes'

const querySchema = z.object({ secret: z.string().min(1), slug: z.string().optional() })

export async function GET(request: Request): Promise<Response> {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success || !isPreviewSecret(query.data.secret)) {
    return new Response('Preview is not available: the secret is missing or wrong.', { status: 401 })
  }
  ;(await draftMode()).enable()
  const slug = parseSlugParam(query.data.slug)
  redirect(slug === null ? routes.home() : routes.post(slug))
}
