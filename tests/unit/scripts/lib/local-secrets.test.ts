import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadOrCreateLocalSecrets } from '../../../../scripts/lib/local-secrets.ts'

describe('loadOrCreateLocalSecrets', () => {
  it('creates distinct secrets once, readable only by the owner, and returns the same ones after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'))
    const first = loadOrCreateLocalSecrets(dir)
    expect(new Set(Object.values(first)).size).toBe(3)
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600)
    expect(loadOrCreateLocalSecrets(dir)).toEqual(first)
  })

  it('refuses a damaged secrets file instead of silently replacing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'))
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify({ webhookSecret: 'short' }))
    expect(() => loadOrCreateLocalSecrets(dir)).toThrow(/not a valid secrets file/)
  })
})
