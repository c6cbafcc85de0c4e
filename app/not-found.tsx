import Link from 'next/link'
import { routes } from '@/lib/routes'

export default function NotFound() {
  return (
    <div className="not-found">
      <p className="eyebrow">Error 404</p>
      <h1 className="page-title">Page not found</h1>
      <p className="lede">The page you were looking for does not exist or has moved.</p>
      <p>
        <Link href={routes.home()} className="button">
          Go to the latest posts
        </Link>
      </p>
    </div>
  )
}
