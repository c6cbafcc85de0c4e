import { describe, expect, it } from 'vitest'
import { createMemoryRateLimiter } from '@/lib/security/rate-limit'

const perMinute = (key: string, limit: number) => ({ key, limit, windowMs: 60_000 })

describe('createMemoryRateLimiter', () => {
  it('allows the budget, then refuses with the time until the oldest hit leaves the window', async () => {
    const limiter = createMemoryRateLimiter()
    expect(await limiter.consume([perMinute('ip:a', 2)], 0)).toEqual({ ok: true })
    expect(await limiter.consume([perMinute('ip:a', 2)], 10_000)).toEqual({ ok: true })
    expect(await limiter.consume([perMinute('ip:a', 2)], 20_000)).toEqual({
      ok: false,
      retryAfterMs: 40_000,
      key: 'ip:a',
    })
    expect(await limiter.consume([perMinute('ip:a', 2)], 60_001)).toEqual({ ok: true })
  })

  it('records nothing when one of the budgets is spent', async () => {
    const limiter = createMemoryRateLimiter()
    await limiter.consume([perMinute('email:x', 1)], 0)
    expect((await limiter.consume([perMinute('ip:b', 1), perMinute('email:x', 1)], 1)).ok).toBe(false)
    expect(await limiter.consume([perMinute('ip:b', 1)], 2)).toEqual({ ok: true })
  })

  it('keeps separate budgets for separate keys and windows', async () => {
    const limiter = createMemoryRateLimiter()
    await limiter.consume([perMinute('ip:a', 1)], 0)
    expect(await limiter.consume([perMinute('ip:b', 1)], 0)).toEqual({ ok: true })
    expect(await limiter.consume([{ key: 'ip:a', limit: 5, windowMs: 3_600_000 }], 0)).toEqual({ ok: true })
  })
})
