import { createPrivateKey, X509Certificate } from 'node:crypto'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadOrCreateLocalTls } from '../../../../../sanity/lake/tls/local-tls.ts'

const HOSTS = ['localhost', 'lakeside.localhost']

describe('loadOrCreateLocalTls', () => {
  it('issues a server certificate that its own authority signed, for every requested name and loopback', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-'))
    const tls = loadOrCreateLocalTls(dir, HOSTS)
    const server = new X509Certificate(tls.cert)
    const authority = new X509Certificate(tls.ca)

    expect(authority.ca).toBe(true)
    expect(server.ca).toBe(false)
    expect(server.verify(authority.publicKey)).toBe(true)
    expect(server.checkIssued(authority)).toBe(true)
    expect(server.checkHost('lakeside.localhost')).toBe('lakeside.localhost')
    expect(server.checkHost('localhost')).toBe('localhost')
    expect(server.checkHost('example.com')).toBeUndefined()
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(server.checkIP('::1')).toBe('::1')
    expect(server.checkPrivateKey(createPrivateKey(tls.key))).toBe(true)
    expect(statSync(join(dir, 'ca.key')).mode & 0o777).toBe(0o600)
  })

  it('keeps the same certificates across starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-'))
    const first = loadOrCreateLocalTls(dir, HOSTS)
    expect(loadOrCreateLocalTls(dir, HOSTS)).toEqual(first)
  })

  it('re-issues the server certificate, under the same authority, when a name is added', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-'))
    const first = loadOrCreateLocalTls(dir, HOSTS)
    const second = loadOrCreateLocalTls(dir, [...HOSTS, 'other.localhost'])
    expect(second.ca).toBe(first.ca)
    expect(second.cert).not.toBe(first.cert)
    expect(new X509Certificate(second.cert).checkHost('other.localhost')).toBe('other.localhost')
  })

  it('renews a server certificate that is about to expire', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-'))
    const first = loadOrCreateLocalTls(dir, HOSTS)
    const inAYear = new Date(Date.now() + 380 * 86_400_000)
    const renewed = loadOrCreateLocalTls(dir, HOSTS, inAYear)
    expect(renewed.cert).not.toBe(first.cert)
    expect(new Date(new X509Certificate(renewed.cert).validTo).getTime()).toBeGreaterThan(inAYear.getTime())
  })
})
