import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { listAuthorSlugs } from '@/lib/content/authors'
import { parseSlugParam } from '@/lib/content/params'
import { AuthorArchive, buildAuthorMetadata } from '@/app/author/[slug]/author-archive'

type Props = { params: Promise<{ slug: string }> }

export async function generateStaticParams(): Promise<Array<{ slug: string }>> {
  const slugs = await listAuthorSlugs()
  return slugs.map((slug) => ({ slug }))
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = parseSlugParam((await params).slug)
  return slug === null ? {} : buildAuthorMetadata(slug, 1)
}

export default async function AuthorPage({ params }: Props) {
  const slug = parseSlugParam((await params).slug)
  if (slug === null) notFound()
  return <AuthorArchive slug={slug} page={1} />
}
