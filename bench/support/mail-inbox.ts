// Reads the mail catcher's JSON API, as a person checking the inbox would.
import { z } from 'zod'
import { caughtMessageSchema, type CaughtMessage } from '../../scripts/mail-catcher/message-store.ts'

export async function listCaughtMail(inboxUrl: string): Promise<CaughtMessage[]> {
  const response = await fetch(new URL('/api/messages', inboxUrl), { signal: AbortSignal.timeout(10_000) })
  if (!response.ok) throw new Error(`mail catcher answered ${response.status}`)
  return z.array(caughtMessageSchema).parse(await response.json())
}
