import Link from 'next/link'
import type { CategoryLink } from '@/lib/content/categories'
import { routes } from '@/lib/routes'

export function SiteHeader({ siteTitle, categories }: { siteTitle: string; categories: CategoryLink[] }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href={routes.home()} className="site-header__title">
          {siteTitle}
        </Link>
        <nav aria-label="Categories">
          <ul role="list" className="site-nav">
            {categories.map((category) => (
              <li key={category.slug}>
                <Link href={routes.category(category.slug)}>{category.title}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  )
}

export function SiteFooter({ siteTitle }: { siteTitle: string }) {
  return (
    <footer className="site-footer">
      <p>
        {siteTitle} · <a href={routes.rss()}>RSS</a> · <a href={routes.atom()}>Atom</a>
      </p>
    </footer>
  )
}
