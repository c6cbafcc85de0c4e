import type { Metadata } from 'next'
import { draftMode } from 'next/headers'
import type { ReactNode } from 'react'
import { env } from '@/lib/config/env'
import { listCategories } from '@/lib/content/categories'
import { getSiteInfo } from '@/lib/content/site-settings'
import { routes } from '@/lib/routes'
import { DraftBanner } from '@/app/_components/draft-banner'
import { SiteFooter, SiteHeader } from '@/app/_components/site-header'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const site = await getSiteInfo()
  return {
    metadataBase: new URL(env.siteUrl),
    title: { default: site.title, template: `%s – ${site.title}` },
    description: site.description,
    openGraph: { siteName: site.title, locale: 'en_GB' },
    alternates: {
      types: { 'application/rss+xml': routes.rss(), 'application/atom+xml': routes.atom() },
    },
  }
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [site, categories, draft] = await Promise.all([getSiteInfo(), listCategories(), draftMode()])
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {draft.isEnabled ? <DraftBanner /> : null}
        <SiteHeader siteTitle={site.title} categories={categories} />
        <main id="main" className="site-main">
          {children}
        </main>
        <SiteFooter siteTitle={site.title} />
      </body>
    </html>
  )
}
