import { createHash } from 'node:crypto'
import type { VariantFiles } from '../storage/variant-files.ts'
import type { OutputFormat, TransformParams } from './transform.ts'
import type { TransformGate, TransformGateStats } from './transform-gate.ts'

export type VariantOutcome =
  { ok: true; bytes: Buffer; from: 'stored' | 'made' } | { ok: false; reason: 'busy' | 'no-source' }

export type ImageVariantStats = TransformGateStats & { served: { stored: number; made: number } }

export type ImageVariants = {
  /**
   * The variant `key` of an image: from disk when it was made before, else made by `make` under the transform
   * gate and kept. `make` returns `null` when the source image is gone.
   */
  get(dataset: string, key: string, make: () => Promise<Buffer | null>): Promise<VariantOutcome>
  stats(): ImageVariantStats
}

/**
 * Names a variant after its source and what was asked of it, once parsed: `w=0100` and `w=100`, or the same
 * parameters in another order, are one variant. The output format is part of the name, as `auto=format`
 * makes one URL answer differently per `Accept`.
 */
export function buildVariantKey(
  sourceName: string,
  params: TransformParams,
  format: Exclude<OutputFormat, 'source'>,
): string {
  const asked = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const digest = createHash('sha256')
    .update(JSON.stringify([asked, format]))
    .digest('hex')
    .slice(0, 32)
  return `${sourceName.replace(/\.[a-z0-9]+$/, '')}-${digest}.${format}`
}

export function createImageVariants(files: VariantFiles, gate: TransformGate): ImageVariants {
  // Identical requests that arrive together share one transform instead of each taking a slot.
  const making = new Map<string, Promise<VariantOutcome>>()
  const served = { stored: 0, made: 0 }

  const makeAndKeep = async (
    dataset: string,
    key: string,
    make: () => Promise<Buffer | null>,
  ): Promise<VariantOutcome> => {
    const result = await gate.run(async () => {
      const bytes = await make()
      if (bytes !== null) await files.write(dataset, key, bytes)
      return bytes
    })
    if (!result.ok) return result
    return result.value === null
      ? { ok: false, reason: 'no-source' }
      : { ok: true, bytes: result.value, from: 'made' }
  }

  return {
    async get(dataset, key, make) {
      const stored = await files.read(dataset, key)
      if (stored !== null) {
        served.stored += 1
        return { ok: true, bytes: stored, from: 'stored' }
      }
      const slot = `${dataset}/${key}`
      let pending = making.get(slot)
      if (!pending) {
        pending = makeAndKeep(dataset, key, make).finally(() => making.delete(slot))
        making.set(slot, pending)
      }
      const outcome = await pending
      if (outcome.ok) served.made += 1
      return outcome
    },
    stats: () => ({ ...gate.stats(), served: { ...served } }),
  }
}
