import { describe, expect, it } from 'vitest'
import { getClientIp, hashIp, toVisitorNetwork, truncateIp } from '@/lib/security/ip'

const headers = (values: Record<string, string>) => new Headers(values)

describe('getClientIp', () => {
  const STAMP = 'x-test-connection'
  const at = (hops: number) => ({ trustedProxyHops: hops, connectionHeader: STAMP })

  it('takes the connection’s address with no trusted proxy, whatever the client’s own headers say', () => {
    const forged = { 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.10' }
    expect(getClientIp(headers({ ...forged, [STAMP]: '198.51.100.4' }), at(0))).toBe('198.51.100.4')
    expect(getClientIp(headers({ [STAMP]: '::ffff:198.51.100.4' }), at(0))).toBe('198.51.100.4')
    expect(getClientIp(headers({ [STAMP]: '2001:db8::1' }), at(0))).toBe('2001:db8::1')
  })

  it('counts trusted proxies from the right, so entries a client prepends change nothing', () => {
    // The client sent "203.0.113.66"; the outer proxy appended the client it saw, the inner one the outer proxy.
    const twoProxies = { 'x-forwarded-for': '203.0.113.66, 198.51.100.7, 10.0.0.2', [STAMP]: '10.0.0.3' }
    expect(getClientIp(headers(twoProxies), at(1))).toBe('10.0.0.2')
    expect(getClientIp(headers(twoProxies), at(2))).toBe('198.51.100.7')
    expect(getClientIp(headers({ 'x-forwarded-for': '198.51.100.7', [STAMP]: '10.0.0.3' }), at(1))).toBe(
      '198.51.100.7',
    )
  })

  it('takes the first entry when the request reached the site through fewer proxies than trusted', () => {
    expect(getClientIp(headers({ [STAMP]: '198.51.100.4' }), at(1))).toBe('198.51.100.4')
  })

  it('answers "unknown" when the connection was not stamped or an address is malformed', () => {
    expect(getClientIp(headers({ 'x-forwarded-for': '198.51.100.4' }), at(0))).toBe('unknown')
    expect(getClientIp(headers({ [STAMP]: '198.51.100.4' }), { ...at(0), connectionHeader: null })).toBe(
      'unknown',
    )
    expect(getClientIp(headers({ 'x-forwarded-for': '<script>', [STAMP]: '10.0.0.3' }), at(1))).toBe(
      'unknown',
    )
  })
})

describe('truncateIp', () => {
  it('keeps only the network part', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.x')
    expect(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::/48')
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::/48')
    expect(truncateIp('::ffff:198.51.100.4')).toBe('198.51.100.x')
    expect(truncateIp('unknown')).toBe('unknown')
  })
})

describe('hashIp', () => {
  it('is stable per key and hides the address', () => {
    expect(hashIp('k1', '203.0.113.7')).toBe(hashIp('k1', '203.0.113.7'))
    expect(hashIp('k1', '203.0.113.7')).not.toBe(hashIp('k2', '203.0.113.7'))
    expect(hashIp('k1', '203.0.113.7')).not.toContain('203')
  })
})

describe('toVisitorNetwork', () => {
  it('keeps an IPv4 address and reduces IPv6 to its /64', () => {
    expect(toVisitorNetwork('203.0.113.7')).toBe('203.0.113.7')
    expect(toVisitorNetwork('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3:8d3::/64')
    expect(toVisitorNetwork('2001:DB8:85A3:08D3::1')).toBe('2001:db8:85a3:8d3::/64')
    expect(toVisitorNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(toVisitorNetwork('::1')).toBe('0:0:0:0::/64')
    expect(toVisitorNetwork('1:2:3:4:5:6:7.8.9.10')).toBe('1:2:3:4::/64')
  })

  it('treats an IPv4-mapped address as the IPv4 address', () => {
    expect(toVisitorNetwork('::ffff:198.51.100.4')).toBe('198.51.100.4')
  })

  it('answers "unknown" for anything that is not an address', () => {
    expect(toVisitorNetwork('unknown')).toBe('unknown')
  })
})
