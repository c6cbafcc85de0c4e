import { getSiteFeed } from '@/lib/content/site-feeds'

// Rendered at build time and kept until a webhook revalidates the post list.
export const dynamic = 'force-static'

export async function GET(): Promise<Response> {
  return new Response(await getSiteFeed('atom'), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  })
}
