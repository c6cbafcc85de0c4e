import { describe, expect, it } from 'vitest'
import { LakeConfigError, parseLakeConfig } from '@/sanity/lake/config'

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
