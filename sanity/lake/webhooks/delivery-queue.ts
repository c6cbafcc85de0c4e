import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { assertNever } from '../core/assert-never.ts'
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
  /** Every transaction up to this log position has had its deliveries queued above. */
  z.object({ type: z.literal('through'), seq: z.number().int().nonnegative() }),
])
type QueueRecord = z.infer<typeof queueRecordSchema>

/** `through` is `null` for a queue file that never recorded a log position. */
export type LoadedQueue = { deliveries: Delivery[]; through: number | null }

/**
 * Pending deliveries survive restarts: every state change is appended to `<path>`, and start-up keeps
 * the last `pending` record of each delivery that never `settled`. A torn last line is ignored.
 * The `through` marker is what makes queueing crash-safe: transactions after it are still in the
 * transaction log, and the dispatcher derives their deliveries again on start-up.
 */
export class DeliveryQueueFile {
  #path: string

  constructor(path: string) {
    this.#path = path
  }

  async load(): Promise<LoadedQueue> {
    let text: string
    try {
      text = await readFile(this.#path, 'utf8')
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT')
        return { deliveries: [], through: null }
      throw error
    }
    const pending = new Map<string, Delivery>()
    let through: number | null = null
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
      switch (record.data.type) {
        case 'pending':
          pending.set(record.data.delivery.id, record.data.delivery)
          break
        case 'settled':
          pending.delete(record.data.id)
          break
        case 'through':
          through = Math.max(through ?? 0, record.data.seq)
          break
        default:
          assertNever(record.data)
      }
    }
    const deliveries = [...pending.values()]
    const lines = deliveries.map(
      (delivery) => JSON.stringify({ type: 'pending', delivery } satisfies QueueRecord) + '\n',
    )
    if (through !== null)
      lines.push(JSON.stringify({ type: 'through', seq: through } satisfies QueueRecord) + '\n')
    await writeFileAtomically(this.#path, lines)
    return { deliveries, through }
  }

  /** Queues the deliveries of one transaction and moves the marker past it, in one append. */
  async saveQueued(deliveries: Delivery[], through: number): Promise<void> {
    const records: QueueRecord[] = [
      ...deliveries.map((delivery): QueueRecord => ({ type: 'pending', delivery })),
      { type: 'through', seq: through },
    ]
    await mkdir(dirname(this.#path), { recursive: true })
    await appendFile(this.#path, records.map((record) => JSON.stringify(record) + '\n').join(''), {
      mode: 0o600,
    })
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
