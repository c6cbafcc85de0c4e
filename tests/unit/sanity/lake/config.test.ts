import { describe, expect, it } from 'vitest'
import { LakeConfigError, parseLakeConfig } from '../../../../sanity/lake/config.ts'
import { DEFAULT_QUERY_LIMITS } from '../../../../sanity/lake/core/query-budget.ts'

describe('parseLakeConfig', () => {
  it('gives every query the default budget when none is set', () => {
    expect(parseLakeConfig({}).queryLimits).toEqual(DEFAULT_QUERY_LIMITS)
    expect(parseLakeConfig({ LAKE_QUERY_TIMEOUT_MS: '', LAKE_QUERY_MAX_WORK: '' }).queryLimits).toEqual(
      DEFAULT_QUERY_LIMITS,
    )
  })

  it('reads the query budget from the environment', () => {
    const config = parseLakeConfig({ LAKE_QUERY_TIMEOUT_MS: '2500', LAKE_QUERY_MAX_WORK: '1000' })
    expect(config.queryLimits).toEqual({ timeoutMs: 2500, maxWork: 1000 })
  })

  it('refuses a budget that is not a positive whole number', () => {
    for (const env of [
      { LAKE_QUERY_TIMEOUT_MS: '0' },
      { LAKE_QUERY_MAX_WORK: '-1' },
      { LAKE_QUERY_TIMEOUT_MS: '1.5s' },
    ])
      expect(() => parseLakeConfig(env)).toThrow(LakeConfigError)
  })
})
