import { expect } from '@playwright/test'
import { z } from 'zod'
import { E2E_INBOX_URL } from './e2e-settings.ts'

const caughtMessageSchema = z.object({
  subject: z.string(),
  to: z.array(z.object({ address: z.string() })),
  text: z.string(),
  html: z.string().nullable(),
  headerLines: z.array(z.string()),
})
export type CaughtMessage = z.infer<typeof caughtMessageSchema>

export async function listCaughtMail(): Promise<CaughtMessage[]> {
  const response = await fetch(`${E2E_INBOX_URL}/api/messages`)
  return z.array(caughtMessageSchema).parse(await response.json())
}

/** Waits for the moderation mail about the comment whose text contains `marker`. */
export async function waitForModerationMail(marker: string): Promise<CaughtMessage> {
  let found: CaughtMessage | undefined
  await expect
    .poll(
      async () => {
        found = (await listCaughtMail()).find((message) => message.text.includes(marker))
        return found !== undefined
      },
      { timeout: 45_000, intervals: [250, 500, 1_000] },
    )
    .toBe(true)
  if (found === undefined) throw new Error(`no moderation mail mentions ${marker}`)
  return found
}

/** The one-click link for `action` in the mail's text part. */
export function moderationLink(message: CaughtMessage, action: 'approve' | 'spam' | 'trash'): string {
  const label = { approve: 'Approve it', spam: 'Spam it', trash: 'Trash it' }[action]
  const match = new RegExp(`${label}: (\\S+)`).exec(message.text)
  if (!match?.[1]) throw new Error(`no "${label}" link in:\n${message.text}`)
  return match[1]
}
