import { describe, expect, it } from 'vitest'
import { LakeConfigError, parseLakeConfig } from '@/sanity/lake/config'
import { DEFAULT_HISTORY_RETENTION } from '@/sanity/lake/core/history'
import { DEFAULT_QUERY_LIMITS } from '@/sanity/lake/core/query-budget'

describe('parseLakeConfig', () => {
  it('lets operator commands find npm start’s lake, then the stack’s, when LAKE_DATA_DIR is unset', () => {
    expect(parseLakeConfig({}).operatorDataDirs).toEqual(['.data/lake', '.data/stack/lake'])
    expect(parseLakeConfig({ LAKE_DATA_DIR: '' }).operatorDataDirs).toEqual([
      '.data/lake',
      '.data/stack/lake',
    ])
  })

  it('looks only where LAKE_DATA_DIR says when it is set', () => {
    expect(parseLakeConfig({ LAKE_DATA_DIR: '/srv/lake' }).operatorDataDirs).toEqual(['/srv/lake'])
  })

  it('names the variable that is wrong', () => {
    expect(() => parseLakeConfig({ LAKE_PORT: 'eighty' })).toThrow(LakeConfigError)
    expect(() => parseLakeConfig({ LAKE_PORT: 'eighty' })).toThrow(/LAKE_PORT/)
  })
})

describe('parseLakeConfig: history retention', () => {
  it('keeps the default retention when the variables are unset or empty', () => {
    const expected = {
      maxAgeDays: DEFAULT_HISTORY_RETENTION.maxAgeDays,
      maxTransactionsPerDocument: DEFAULT_HISTORY_RETENTION.maxTransactionsPerDocument,
    }
    expect(parseLakeConfig({}).historyRetention).toEqual(expected)
    expect(
      parseLakeConfig({ LAKE_HISTORY_RETENTION_DAYS: '', LAKE_HISTORY_MAX_REVISIONS: '' }).historyRetention,
    ).toEqual(expected)
  })

  it('reads the days and the revisions kept per document', () => {
    expect(
      parseLakeConfig({ LAKE_HISTORY_RETENTION_DAYS: '3', LAKE_HISTORY_MAX_REVISIONS: '20' })
        .historyRetention,
    ).toEqual({ maxAgeDays: 3, maxTransactionsPerDocument: 20 })
  })

  it('refuses a retention that would keep nothing', () => {
    expect(() => parseLakeConfig({ LAKE_HISTORY_RETENTION_DAYS: '0' })).toThrow(LakeConfigError)
    expect(() => parseLakeConfig({ LAKE_HISTORY_MAX_REVISIONS: '0' })).toThrow(LakeConfigError)
    expect(() => parseLakeConfig({ LAKE_HISTORY_MAX_REVISIONS: 'many' })).toThrow(LakeConfigError)
  })
})

describe('parseLakeConfig: query budget', () => {
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
