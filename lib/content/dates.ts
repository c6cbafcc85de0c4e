const LONG_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })

/** "18 November 2026"; dates render in UTC so server and build output agree. */
export function formatLongDate(iso: string): string {
  return LONG_DATE.format(new Date(iso))
}

const LONG_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
})

/** "18 November 2026 at 10:00", in UTC like formatLongDate. */
export function formatLongDateTime(iso: string): string {
  return LONG_DATE_TIME.format(new Date(iso))
}
