import { describe, expect, it } from 'vitest'
import { getClientIp, hashIp, toVisitorNetwork, truncateIp } from '@/lib/security/ip'

const headers = (values: Record<string, string>) => new Headers(values)

describe('getClientIp', () => {
  it('takes the first X-Forwarded-For address, then X-Real-IP', () => {
    expect(getClientIp(headers({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }))).toBe('203.0.113.9')
    expect(getClientIp(headers({ 'x-real-ip': '2001:db8::1' }))).toBe('2001:db8::1')
  })

  it('answers "unknown" for a missing or malformed address', () => {
    expect(getClientIp(headers({}))).toBe('unknown')
    expect(getClientIp(headers({ 'x-forwarded-for': '<script>' }))).toBe('unknown')
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
