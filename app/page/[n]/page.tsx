import type { Metadata } from 'next'
import { draftMode } from 'next/headers'
import { notFound } from 'next/navigation'
import { parsePageParam } from '@/lib/content/pagination'
import { buildPageMetadata } from '@/lib/content/seo'
import { routes } from '@/lib/routes'
import { HomeListing } from '@/app/_components/home-listing'

type Props = { params: Promise<{ n: string }> }

// Later pages render on first visit and are then cached like the rest.
export function generateStaticParams(): Array<{ n: string }> {
  return []
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = parsePageParam((await params).n)
  if (page === null) return {}
  return buildPageMetadata({
    title: `Latest posts, page ${page}`,
    description: `Older posts, page ${page}.`,
    path: routes.homePage(page),
  })
}

export default async function HomePageN({ params }: Props) {
  const page = parsePageParam((await params).n)
  if (page === null) notFound()
  const { isEnabled } = await draftMode()
  return <HomeListing page={page} draft={isEnabled} />
}
