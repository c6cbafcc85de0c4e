import 'server-only'
import { fetchContent, toReadMode } from '@/lib/content/client'
import { siteSettingsQuery } from '@/lib/content/queries'
import { tags } from '@/lib/content/tags'

export type SiteInfo = { title: string; description: string }

const FALLBACK: SiteInfo = { title: 'Lakeside Blog', description: 'Notes on health, fitness and wellbeing.' }

/** The site title and description; the fallback applies until an editor publishes site settings. */
export async function getSiteInfo(): Promise<SiteInfo> {
  const settings = await fetchContent(siteSettingsQuery, {}, toReadMode(false, [tags.siteSettings()]))
  return settings === null
    ? FALLBACK
    : { title: settings.title, description: settings.description ?? FALLBACK.description }
}
