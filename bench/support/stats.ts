// Summaries of repeated measurements. The median, not the mean: one run disturbed by a colleague's test
// suite on the shared cores should not move the figure.

export type Summary = { min: number; median: number; max: number; n: number }

/** `null` when there is nothing to summarise. */
export function summarize(values: readonly number[]): Summary | null {
  const finite = values.filter((value) => Number.isFinite(value))
  if (finite.length === 0) return null
  const sorted = [...finite].sort((a, b) => a - b)
  return {
    min: sorted[0] ?? Number.NaN,
    median: percentileOfSorted(sorted, 0.5),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    n: sorted.length,
  }
}

/** Linear interpolation between closest ranks, so the median of an even count is the mean of the middle two. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = (sorted.length - 1) * p
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  const lowValue = sorted[low] ?? Number.NaN
  const highValue = sorted[high] ?? Number.NaN
  return lowValue + (highValue - lowValue) * (rank - low)
}

export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  )
}
