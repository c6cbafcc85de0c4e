// Starts the moderation mail worker once per server process. The Edge runtime has no SMTP, and `next build`
// must not send mail while it prerenders.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  const { startModerationMailWorker } = await import('@/lib/comments/mail-worker')
  startModerationMailWorker()
}
