// Per server process: stamps each request with its connection's address before Next reads it (the comment limits
// key on it), and starts the moderation mail worker. The Edge runtime has neither sockets nor SMTP, and `next build`
// must not send mail while it prerenders.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  const { installConnectionAddressStamp } = await import('@/lib/security/connection-address')
  installConnectionAddressStamp()
  const { startModerationMailWorker } = await import('@/lib/comments/mail-worker')
  startModerationMailWorker()
}
