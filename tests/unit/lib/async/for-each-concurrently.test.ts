import { describe, expect, it } from 'vitest'
import { forEachConcurrently } from '@/lib/async/for-each-concurrently'

/** A task whose completion the test controls, to observe how many run at once. */
function gate() {
  let open = (): void => undefined
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

describe('forEachConcurrently', () => {
  it('never runs more than the limit at once and runs every item once, starting them in order', async () => {
    const gates = Array.from({ length: 7 }, gate)
    const started: number[] = []
    let running = 0
    let peak = 0
    const done = forEachConcurrently([0, 1, 2, 3, 4, 5, 6], 3, async (index) => {
      started.push(index)
      running += 1
      peak = Math.max(peak, running)
      await gates[index]?.opened
      running -= 1
    })
    await Promise.resolve()
    expect(started).toEqual([0, 1, 2])
    for (const g of gates) {
      g.open()
      await new Promise((resolve) => setImmediate(resolve))
    }
    await done
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(peak).toBe(3)
  })

  it('lets the other items finish before it rejects with the first failure', async () => {
    const finished: number[] = []
    const run = forEachConcurrently([1, 2, 3, 4], 2, async (n) => {
      if (n === 2) throw new Error('item 2 failed')
      await new Promise((resolve) => setTimeout(resolve, 5))
      finished.push(n)
    })
    await expect(run).rejects.toThrow('item 2 failed')
    expect(finished.sort()).toEqual([1, 3, 4])
  })

  it('does nothing for no items and refuses a limit below one', async () => {
    await expect(forEachConcurrently([], 4, () => Promise.reject(new Error('not called')))).resolves.toBe(
      undefined,
    )
    await expect(forEachConcurrently([1], 0, async () => undefined)).rejects.toThrow(RangeError)
  })
})
