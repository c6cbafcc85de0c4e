/**
 * Runs `task` for every item with at most `limit` running at once, in order of the items, and resolves when all
 * have settled. A rejected task rejects the whole run after the others have settled, so no task is left running.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, not ${limit}`)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T
      await task(item)
    }
  }
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, lane))
  const failure = results.find((result) => result.status === 'rejected')
  if (failure !== undefined) throw failure.reason
}
