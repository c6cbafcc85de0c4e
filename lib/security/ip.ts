import { createHmac, type BinaryLike } from 'node:crypto'
import { isIPv4, isIPv6 } from 'node:net'

type HeaderReader = { get(name: string): string | null }

/**
 * The client address as the reverse proxy in front of the site reports it (first `X-Forwarded-For` entry,
 * then `X-Real-IP`). Deploy behind a proxy that overwrites these headers: a client can set them itself.
 */
export function getClientIp(headers: HeaderReader): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  const candidate = forwarded || headers.get('x-real-ip')?.trim() || ''
  return isIPv4(candidate) || isIPv6(candidate) ? candidate : 'unknown'
}

/** Stored instead of the address: lets rate limits and history match a visitor without keeping the IP. */
export function hashIp(key: BinaryLike, ip: string): string {
  return createHmac('sha256', key).update(ip).digest('base64url').slice(0, 32)
}

/**
 * What one visitor is keyed by: an IPv4 address, or an IPv6 /64. A single IPv6 subscriber is usually handed a whole
 * /64 (RFC 6177, RFC 8981 temporary addresses), so keying on the full address would give them 2^64 fresh budgets.
 */
export function toVisitorNetwork(ip: string): string {
  if (isIPv4(ip)) return ip
  if (isIPv6(ip)) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1]
    if (mapped !== undefined) return mapped
    return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`
  }
  return 'unknown'
}

/** The network, never the host: `203.0.113.x`, `2001:db8:85a3::/48`. */
export function truncateIp(ip: string): string {
  if (isIPv4(ip)) return `${ip.split('.').slice(0, 3).join('.')}.x`
  if (isIPv6(ip)) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1]
    if (mapped !== undefined) return truncateIp(mapped)
    return `${expandIpv6(ip).slice(0, 3).join(':')}::/48`
  }
  return 'unknown'
}

function expandIpv6(address: string): string[] {
  // A trailing dotted quad (`64:ff9b::192.0.2.1`) is the last two groups.
  const ip = address.replace(
    /(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
    (_, a: string, b: string, c: string, d: string) => {
      const hex = (high: string, low: string) => ((Number(high) << 8) | Number(low)).toString(16)
      return `${hex(a, b)}:${hex(c, d)}`
    },
  )
  const [head = '', tail = ''] = ip.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === '' ? [] : tail.split(':')
  const middle = ip.includes('::') ? Array.from({ length: 8 - left.length - right.length }, () => '0') : []
  return [...left, ...middle, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
}
