'use client'
import { NextStudio } from 'next-sanity/studio'
import config from '@/sanity/studio/sanity.config'

// The same configuration the lake serves locally; here it runs under the site's /studio path.
const embeddedConfig = { ...config, basePath: '/studio' }

export function EmbeddedStudio() {
  return <NextStudio config={embeddedConfig} />
}
