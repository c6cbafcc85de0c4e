import { redirect } from 'next/navigation'
import { env } from '@/lib/config/env'
import { toLakeStudioUrl } from '@/lib/routes'
import { EmbeddedStudio } from './embedded-studio'

export { metadata, viewport } from 'next-sanity/studio'

type Props = { params: Promise<{ tool?: string[] }> }

/**
 * With hosted Sanity the Studio runs here. Locally the lake serves it from its own HTTPS origin (one
 * certificate covers the Studio and the API it calls), so /studio leads there, keeping the path, which
 * makes the Studio links in moderation mail work in both modes.
 */
export default async function StudioPage({ params }: Props) {
  if (env.mode === 'local') {
    const base = env.sanity.localStudioUrl
    if (base === undefined)
      return <p>The Studio runs beside the content lake; start the blog with npm start.</p>
    const { tool = [] } = await params
    redirect(toLakeStudioUrl(base, tool))
  }
  return <EmbeddedStudio />
}
