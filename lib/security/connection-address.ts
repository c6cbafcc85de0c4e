import 'server-only'
import { randomBytes } from 'node:crypto'
import { subscribe } from 'node:diagnostics_channel'
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { env } from '@/lib/config/env'
import { getClientIp } from '@/lib/security/ip'

// Next gives server actions and route handlers no socket: only headers. `next start` fills in `X-Forwarded-For`
// from the socket only when the request has none (`??=` in next/dist/server/base-server.js), so a client that sends
// its own picks its own address. Node publishes every incoming request on this channel synchronously, before the
// server's `request` event, so a subscriber can stamp the connection's address into the headers before Next reads
// them: one place, in the same process, with `next start` left as it is.
const REQUEST_START_CHANNEL = 'http.server.request.start'
const HOLDER_KEY = Symbol.for('lakeside.security.connection-address-header')
type Holder = { [HOLDER_KEY]?: string }
type RequestStart = { request: IncomingMessage; socket: Socket }

const isRequestStart = (message: unknown): message is RequestStart =>
  typeof message === 'object' && message !== null && 'request' in message && 'socket' in message

/**
 * Stamps every request this process serves with the address its connection came from. Call once per process before
 * requests are handled (instrumentation.ts); later calls do nothing.
 */
export function installConnectionAddressStamp(): void {
  const holder = globalThis as typeof globalThis & Holder
  if (holder[HOLDER_KEY] !== undefined) return
  // A name no client can know: a request that arrived before this ran (while the server was starting) carries no
  // stamp at all, and counts as `unknown`, instead of carrying one the client wrote itself.
  const header = `x-lakeside-connection-${randomBytes(12).toString('hex')}`
  holder[HOLDER_KEY] = header
  subscribe(REQUEST_START_CHANNEL, (message) => {
    if (!isRequestStart(message)) return
    const address = message.socket.remoteAddress
    if (address === undefined) delete message.request.headers[header]
    else message.request.headers[header] = address
  })
}

/** The stamp's header in this process, or `null` before installConnectionAddressStamp has run. */
export function getConnectionAddressHeader(): string | null {
  return (globalThis as typeof globalThis & Holder)[HOLDER_KEY] ?? null
}

/** The address of the client behind this request, by TRUSTED_PROXY_HOPS (see getClientIp). */
export function getRequestIp(headers: { get(name: string): string | null }): string {
  return getClientIp(headers, {
    trustedProxyHops: env.trustedProxyHops,
    connectionHeader: getConnectionAddressHeader(),
  })
}
