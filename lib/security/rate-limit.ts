// Burst budgets behind one interface: the in-memory limiter fits one server process; a Redis limiter with the
// same interface serves several.

export type RateRequest = {
  /** e.g. `ip:<hash>`, `email:<address>`, `global` */
  key: string
  limit: number
  windowMs: number
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number; key: string }

export interface RateLimiter {
  /** Records one hit against every request's key, but only when all of them are within budget. */
  consume(requests: readonly RateRequest[], now: number): Promise<RateDecision>
}

const MAX_TRACKED_KEYS = 10_000

/** A sliding log per key and window. */
export function createMemoryRateLimiter(): RateLimiter {
  const hits = new Map<string, number[]>()

  const recent = (slot: string, windowMs: number, now: number): number[] => {
    const kept = (hits.get(slot) ?? []).filter((at) => at > now - windowMs)
    if (kept.length === 0) hits.delete(slot)
    else hits.set(slot, kept)
    return kept
  }

  return {
    async consume(requests, now) {
      let refusal: RateDecision = { ok: true }
      for (const { key, limit, windowMs } of requests) {
        const log = recent(`${key}|${windowMs}`, windowMs, now)
        const oldest = log[0]
        if (log.length >= limit && oldest !== undefined) {
          const retryAfterMs = oldest + windowMs - now
          if (refusal.ok || retryAfterMs > refusal.retryAfterMs) refusal = { ok: false, retryAfterMs, key }
        }
      }
      if (!refusal.ok) return refusal
      for (const { key, windowMs } of requests) {
        const slot = `${key}|${windowMs}`
        const kept = recent(slot, windowMs, now)
        hits.delete(slot)
        hits.set(slot, [...kept, now])
      }
      // Map iteration follows insertion order and every write re-inserts, so the first keys are the least recently hit.
      for (const slot of hits.keys()) {
        if (hits.size <= MAX_TRACKED_KEYS) break
        hits.delete(slot)
      }
      return { ok: true }
    },
  }
}
