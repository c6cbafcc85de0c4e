import { describe, expect, it } from 'vitest'
import { createOutboxWorker } from '@/lib/mail/worker'

describe('createOutboxWorker', () => {
  it('runs one pass at a time and runs once more when kicked during a pass', async () => {
    let running = 0
    let maxConcurrent = 0
    let runs = 0
    let release: () => void = () => {}
    const worker = createOutboxWorker({
      intervalMs: 60_000,
      onError: () => {},
      runOnce: async () => {
        running += 1
        runs += 1
        maxConcurrent = Math.max(maxConcurrent, running)
        if (runs === 1) await new Promise<void>((resolve) => (release = resolve))
        running -= 1
        return false
      },
    })
    const first = worker.kick()
    const second = worker.kick()
    const third = worker.kick()
    release()
    await Promise.all([first, second, third])
    expect(runs).toBe(2)
    expect(maxConcurrent).toBe(1)
    await worker.stop()
  })

  it('reports a failed pass and keeps working', async () => {
    const errors: unknown[] = []
    let runs = 0
    const worker = createOutboxWorker({
      intervalMs: 60_000,
      onError: (error) => errors.push(error),
      runOnce: async () => {
        runs += 1
        if (runs === 1) throw new Error('store down')
        return false
      },
    })
    await worker.kick()
    await worker.kick()
    expect(errors).toHaveLength(1)
    expect(runs).toBe(2)
  })

  it('drains a backlog batch after batch without waiting for the timer', async () => {
    let batchesLeft = 5
    let runs = 0
    const worker = createOutboxWorker({
      intervalMs: 60_000,
      onError: () => {},
      runOnce: async () => {
        runs += 1
        batchesLeft -= 1
        return batchesLeft > 0
      },
    })
    await worker.kick()
    expect(runs).toBe(5)
    expect(batchesLeft).toBe(0)
    await worker.stop()
  })
})
