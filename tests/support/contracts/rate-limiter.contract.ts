// What every RateLimiter promises, run against each implementation (memory in unit/, Redis in integration/).
import { describe, expect, it } from 'vitest'
import type { RateLimiter } from '@/lib/security/rate-limit'

const perMinute = (key: string, limit: number) => ({ key, limit, windowMs: 60_000 })

/** `create` returns a limiter with no budgets spent; keys are made unique per test by `prefix`. */
export function describeRateLimiterContract(name: string, create: () => Promise<RateLimiter>): void {
  let run = 0
  const unique = (key: string) => `${key}:${name}:${Date.now()}:${(run += 1)}`

  describe(`${name}: the RateLimiter contract`, () => {
    it('allows the budget, then refuses with the time until the oldest hit leaves the window', async () => {
      const limiter = await create()
      const key = unique('ip:a')
      expect(await limiter.consume([perMinute(key, 2)], 0)).toEqual({ ok: true })
      expect(await limiter.consume([perMinute(key, 2)], 10_000)).toEqual({ ok: true })
      expect(await limiter.consume([perMinute(key, 2)], 20_000)).toEqual({
        ok: false,
        retryAfterMs: 40_000,
        key,
      })
      expect(await limiter.consume([perMinute(key, 2)], 60_001)).toEqual({ ok: true })
    })

    it('records nothing when one of the budgets is spent', async () => {
      const limiter = await create()
      const [ip, email] = [unique('ip:b'), unique('email:x')]
      await limiter.consume([perMinute(email, 1)], 0)
      expect((await limiter.consume([perMinute(ip, 1), perMinute(email, 1)], 1)).ok).toBe(false)
      expect(await limiter.consume([perMinute(ip, 1)], 2)).toEqual({ ok: true })
    })

    it('names the budget that holds the refusal longest', async () => {
      const limiter = await create()
      const [ip, email] = [unique('ip:c'), unique('email:y')]
      await limiter.consume([perMinute(ip, 1)], 0)
      await limiter.consume([perMinute(email, 1)], 30_000)
      expect(await limiter.consume([perMinute(ip, 1), perMinute(email, 1)], 40_000)).toEqual({
        ok: false,
        retryAfterMs: 50_000,
        key: email,
      })
    })

    it('keeps separate budgets for separate keys and windows', async () => {
      const limiter = await create()
      const [a, b] = [unique('ip:a'), unique('ip:b')]
      await limiter.consume([perMinute(a, 1)], 0)
      expect(await limiter.consume([perMinute(b, 1)], 0)).toEqual({ ok: true })
      expect(await limiter.consume([{ key: a, limit: 5, windowMs: 3_600_000 }], 0)).toEqual({ ok: true })
    })

    it('counts hits made at the same moment separately', async () => {
      const limiter = await create()
      const key = unique('global')
      const decisions = await Promise.all(
        Array.from({ length: 5 }, () => limiter.consume([perMinute(key, 3)], 1_000)),
      )
      expect(decisions.filter((decision) => decision.ok)).toHaveLength(3)
    })
  })
}
