// Caught messages as files: `<id>.json` (parsed) next to `<id>.eml` (raw). Plain Node, no Next.
import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'

const addressSchema = z.object({ name: z.string(), address: z.string() })

export const caughtMessageSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  envelope: z.object({ from: z.string(), to: z.array(z.string()) }),
  messageId: z.string().nullable(),
  subject: z.string(),
  from: z.array(addressSchema),
  to: z.array(addressSchema),
  replyTo: z.array(addressSchema),
  text: z.string(),
  html: z.string().nullable(),
  /** Every header line as received, for tests that check nothing was injected. */
  headerLines: z.array(z.string()),
})

export type CaughtMessage = z.infer<typeof caughtMessageSchema>
export type NewCaughtMessage = Omit<CaughtMessage, 'id' | 'receivedAt'>

const ID = /^\d{13}-[0-9a-f]{8}$/

export function isMessageId(value: string): boolean {
  return ID.test(value)
}

export type MessageStore = {
  add(message: NewCaughtMessage, raw: Buffer, now?: Date): Promise<CaughtMessage>
  /** Newest first. */
  list(): Promise<CaughtMessage[]>
  get(id: string): Promise<CaughtMessage | null>
  clear(): Promise<void>
}

export async function openMessageStore(dir: string): Promise<MessageStore> {
  await mkdir(dir, { recursive: true })

  const read = async (id: string): Promise<CaughtMessage | null> => {
    try {
      return caughtMessageSchema.parse(JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')))
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null
      throw new Error(`Caught message ${id} in ${dir} is unreadable`, { cause: error })
    }
  }

  return {
    async add(message, raw, now = new Date()) {
      const id = `${String(now.getTime()).padStart(13, '0')}-${randomUUID().slice(0, 8)}`
      const stored: CaughtMessage = { id, receivedAt: now.toISOString(), ...message }
      await writeFile(join(dir, `${id}.eml`), raw)
      // Write then rename: a reader never sees half a JSON file.
      const temporary = join(dir, `${id}.json.tmp`)
      await writeFile(temporary, JSON.stringify(stored, null, 2))
      await rename(temporary, join(dir, `${id}.json`))
      return stored
    },
    async list() {
      const ids = (await readdir(dir))
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
        .filter(isMessageId)
        .sort()
        .reverse()
      const messages = await Promise.all(ids.map(read))
      return messages.filter((message) => message !== null)
    },
    get: (id) => (isMessageId(id) ? read(id) : Promise.resolve(null)),
    async clear() {
      const names = await readdir(dir)
      await Promise.all(
        names
          .filter((name) => /\.(json|eml|json\.tmp)$/.test(name))
          .map((name) => rm(join(dir, name), { force: true })),
      )
    },
  }
}
