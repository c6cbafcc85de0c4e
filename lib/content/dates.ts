const LONG_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })

/** "18 November 2026"; dates render in UTC so server and build output agree. */
export function formatLongDate(iso: string): string {
  return LONG_DATE.format(new Date(iso))
}
