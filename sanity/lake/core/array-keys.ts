import { isPlainObject } from './document.ts'

/** Adds a `_key` to every object in an array that lacks one, as `autoGenerateArrayKeys` asks. */
export function withArrayKeys(value: unknown, newKey: () => string): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const keyed = withArrayKeys(item, newKey)
      return isPlainObject(keyed) && typeof keyed._key !== 'string' ? { _key: newKey(), ...keyed } : keyed
    })
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(value)) out[key] = withArrayKeys(field, newKey)
    return out
  }
  return value
}
