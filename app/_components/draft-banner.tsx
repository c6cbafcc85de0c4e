import { routes } from '@/lib/routes'

export function DraftBanner() {
  return (
    <aside className="draft-banner" aria-label="Preview mode">
      <p>
        You are previewing unpublished drafts.{' '}
        {/* A plain link: the exit route sets a cookie and redirects, which a client-side navigation would skip. */}
        <a href={routes.draftModeDisable()}>Exit preview</a>
      </p>
    </aside>
  )
}
