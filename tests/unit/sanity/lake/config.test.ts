import { describe, expect, it } from 'vitest'
import { LakeConfigError, parseLakeConfig } from '@/sanity/lake/config'
import { DEFAULT_HISTORY_RETENTION } from '@/sanity/lake/core/history'

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
