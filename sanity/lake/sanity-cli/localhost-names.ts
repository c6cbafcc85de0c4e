// Preloaded (`node --import`) into the Sanity CLI that `npm run sanity` starts. The CLI always puts the
// project id in front of its API host (`lakeside.localhost`). RFC 6761 §6.3 says such names are
// loopback, and browsers resolve them so, but Node asks the system resolver, which often knows only
// `localhost` itself. This answers every `*.localhost` name with the lake's address and leaves all
// other names to the system.
import dns, { type LookupAddress, type LookupOptions } from 'node:dns'

const address = process.env.LAKE_LOOPBACK_ADDRESS || '127.0.0.1'
const family = address.includes(':') ? 6 : 4

export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return name === 'localhost' || name.endsWith('.localhost')
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

const systemLookup = dns.lookup
function lookupWithLocalhostNames(
  hostname: string,
  options: LookupOptions | number | LookupCallback,
  callback?: LookupCallback,
): void {
  const done = typeof options === 'function' ? options : callback
  if (!isLocalhostName(hostname) || done === undefined) {
    Reflect.apply(
      systemLookup,
      dns,
      [hostname, options, callback].filter((arg) => arg !== undefined),
    )
    return
  }
  const all = typeof options === 'object' && options.all === true
  process.nextTick(() => (all ? done(null, [{ address, family }]) : done(null, address, family)))
}

// `dns.lookup` is read at call time by `net`, so replacing it reaches every connection the CLI opens.
Object.defineProperty(dns, 'lookup', { value: lookupWithLocalhostNames, writable: true, configurable: true })
