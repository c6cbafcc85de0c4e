import 'server-only'
import { env } from '@/lib/config/env'
import { getWriteClient } from '@/lib/content/write-client'
import { getCommentStore } from '@/lib/comments/deps'
import { composeModerationMail } from '@/lib/comments/notify'
import { DEFAULT_OUTBOX_SETTINGS, isFullBatch, runOutboxOnce } from '@/lib/mail/outbox'
import { createSanityOutboxStore } from '@/lib/mail/outbox-store'
import { createSmtpMailer } from '@/lib/mail/transport'
import { createOutboxWorker, type OutboxWorker } from '@/lib/mail/worker'
import { getSigningKey } from '@/lib/security/keys'

const POLL_INTERVAL_MS = 30_000
// One worker per process, shared by instrumentation and every route bundle (each has its own module instances).
const WORKER_KEY = Symbol.for('lakeside.comments.mail-worker')
type WorkerHolder = { [WORKER_KEY]?: OutboxWorker | null }

function createWorker(): OutboxWorker | null {
  const { smtpUrl } = env.mail
  if (smtpUrl === undefined) {
    console.warn('SMTP_URL is not set: moderation mail stays in the outbox until it is.')
    return null
  }
  let store, key
  try {
    store = getCommentStore()
    key = getSigningKey('moderation-token')
  } catch (error) {
    // Configuration, not a bug: say what is missing once instead of failing every request.
    console.error(`Moderation mail is off: ${error instanceof Error ? error.message : String(error)}`)
    return null
  }
  const mailer = createSmtpMailer(smtpUrl)
  const now = () => new Date()
  return createOutboxWorker({
    intervalMs: POLL_INTERVAL_MS,
    runOnce: async () =>
      isFullBatch(
        await runOutboxOnce({
          ...DEFAULT_OUTBOX_SETTINGS,
          store: createSanityOutboxStore(getWriteClient()),
          mailer,
          now,
          compose: (item) =>
            composeModerationMail(item, {
              store,
              key,
              siteUrl: env.siteUrl,
              fromAddress: env.mail.from,
              now,
            }),
        }),
      ),
    onError: (error) => console.error('Moderation mail: outbox run failed', error),
  })
}

function getWorker(): OutboxWorker | null {
  const holder = globalThis as typeof globalThis & WorkerHolder
  if (holder[WORKER_KEY] === undefined) {
    holder[WORKER_KEY] = createWorker()
    holder[WORKER_KEY]?.start()
  }
  return holder[WORKER_KEY]
}

/** Starts the periodic outbox worker once per process (from instrumentation.ts). */
export function startModerationMailWorker(): void {
  getWorker()
}

/** Sends what is due now, e.g. right after a comment was stored (call it inside `after()`). */
export async function kickModerationMail(): Promise<void> {
  await getWorker()?.kick()
}
