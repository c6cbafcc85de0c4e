import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { writeFileAtomically } from '../storage/disk-files.ts'

export const deliverySchema = z.object({
  id: z.string(),
  webhook: z.string(),
  url: z.string(),
  body: z.string(),
  headers: z.record(z.string(), z.string()),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number(),
})
export type Delivery = z.infer<typeof deliverySchema>

const queueRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pending'), delivery: deliverySchema }),
  z.object({ type: z.literal('settled'), id: z.string() }),
])
type QueueRecord = z.infer<typeof queueRecordSchema>

/**
 * Pending deliveries survive restarts: every state change is appended to `<path>`, and start-up keeps
 * the last `pending` record of each delivery that never `settled`. A torn last line is ignored.
 */
export class DeliveryQueueFile {
  #path: string

  constructor(path: string) {
    this.#path = path
  }

  async load(): Promise<Delivery[]> {
    let text: string
    try {
      text = await readFile(this.#path, 'utf8')
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return []
      throw error
    }
    const pending = new Map<string, Delivery>()
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      let json: unknown
      try {
        json = JSON.parse(line)
      } catch {
        continue
      }
      const record = queueRecordSchema.safeParse(json)
      if (!record.success) continue
      if (record.data.type === 'pending') pending.set(record.data.delivery.id, record.data.delivery)
      else pending.delete(record.data.id)
    }
    const deliveries = [...pending.values()]
    await writeFileAtomically(
      this.#path,
      deliveries.map(
        (delivery) => JSON.stringify({ type: 'pending', delivery } satisfies QueueRecord) + '\n',
      ),
    )
    return deliveries
  }

  async savePending(delivery: Delivery): Promise<void> {
    await this.#append({ type: 'pending', delivery })
  }

  async saveSettled(id: string): Promise<void> {
    await this.#append({ type: 'settled', id })
  }

  async #append(record: QueueRecord): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true })
    await appendFile(this.#path, JSON.stringify(record) + '\n', { mode: 0o600 })
  }
}
