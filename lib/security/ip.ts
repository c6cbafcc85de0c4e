import { createHmac, type BinaryLike } from 'node:crypto'
import { isIPv4, isIPv6 } from 'node:net'

type HeaderReader = { get(name: string): string | null }

export type ClientIpSources = {
  /** How many reverse proxies in front of the site append to `X-Forwarded-For` (TRUSTED_PROXY_HOPS). */
  trustedProxyHops: number
  /** The header the server stamps with the connection's own address (lib/security/connection-address.ts). */
  connectionHeader: string | null
}

/**
 * The client's address. The connection's own address is the only one a client cannot choose, so with no trusted
 * proxy it is the answer, whatever `X-Forwarded-For` or `X-Real-IP` say. Each trusted proxy appends the address it
 * was reached from, so behind N of them the client is the Nth address from the right of the connection's: everything
 * further left was sent by the client. `unknown` (one budget shared by all) when the connection was not stamped.
 */
export function getClientIp(headers: HeaderReader, sources: ClientIpSources): string {
  const header = sources.connectionHeader
  const connection = header === null ? null : headers.get(header)?.trim()
  if (connection === undefined || connection === null || !isIp(connection)) return 'unknown'
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  const chain = [...forwarded, connection]
  // Fewer entries than hops: the request skipped a proxy, and its first entry is as far back as anyone reported.
  const candidate = chain[Math.max(0, chain.length - 1 - sources.trustedProxyHops)] ?? connection
  return isIp(candidate) ? toPlainIp(candidate) : 'unknown'
}

const isIp = (value: string): boolean => isIPv4(value) || isIPv6(value)
/** A dual-stack socket reports IPv4 clients as `::ffff:a.b.c.d`. */
const toPlainIp = (ip: string): string => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip

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
