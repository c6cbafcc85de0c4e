import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { parsePageParam } from '@/lib/content/pagination'
import { parseSlugParam } from '@/lib/content/params'
import { buildCategoryMetadata, CategoryArchive } from '@/app/category/[slug]/category-archive'

type Props = { params: Promise<{ slug: string; n: string }> }

// Later pages render on first visit and are then cached like the rest.
export function generateStaticParams(): Array<{ slug: string; n: string }> {
  return []
}

async function parseParams(params: Props['params']) {
  const { slug, n } = await params
  const parsed = { slug: parseSlugParam(slug), page: parsePageParam(n) }
  return parsed.slug === null || parsed.page === null ? null : { slug: parsed.slug, page: parsed.page }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const parsed = await parseParams(params)
  return parsed === null ? {} : buildCategoryMetadata(parsed.slug, parsed.page)
}

export default async function CategoryPageN({ params }: Props) {
  const parsed = await parseParams(params)
  if (parsed === null) notFound()
  return <CategoryArchive slug={parsed.slug} page={parsed.page} />
}
