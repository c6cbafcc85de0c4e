'use client'

import Link from 'next/link'
import { routes } from '@/lib/routes'

// What a reader sees when a page or a form call fails in the browser: with JavaScript on, a form the site refused
// before our code ran (another site's form, a comment over the size limit) lands here instead of a blank page.
// The error's details stay in the server log; the reader is told what did and did not happen.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="not-found" role="alert">
      <p className="eyebrow">Something went wrong</p>
      <h1 className="page-title">This could not be done</h1>
      <p className="lede">
        The page could not be shown, or what you sent was not accepted. If you were posting a comment, nothing
        was posted: a comment must be shorter than about a megabyte and sent from this site.
      </p>
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>{' '}
        <Link href={routes.home()}>Go to the latest posts</Link>
      </p>
    </div>
  )
}
