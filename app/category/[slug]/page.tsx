import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { listCategories } from '@/lib/content/categories'
import { parseSlugParam } from '@/lib/content/params'
import { buildCategoryMetadata, CategoryArchive } from '@/app/category/[slug]/category-archive'

type Props = { params: Promise<{ slug: string }> }

export async function generateStaticParams(): Promise<Array<{ slug: string }>> {
  const categories = await listCategories()
  return categories.map(({ slug }) => ({ slug }))
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = parseSlugParam((await params).slug)
  return slug === null ? {} : buildCategoryMetadata(slug, 1)
}

export default async function CategoryPage({ params }: Props) {
  const slug = parseSlugParam((await params).slug)
  if (slug === null) notFound()
  return <CategoryArchive slug={slug} page={1} />
}
