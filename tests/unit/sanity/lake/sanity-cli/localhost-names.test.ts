import dns, { type LookupAddress } from 'node:dns'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

// The module replaces `dns.lookup` when imported, as it does in the CLI it is preloaded into.
let isLocalhostName: (hostname: string) => boolean
beforeAll(async () => {
  process.env.LAKE_LOOPBACK_ADDRESS = '127.0.0.1'
  ;({ isLocalhostName } = await import('../../../../../sanity/lake/sanity-cli/localhost-names.ts'))
})

function lookupOne(hostname: string): Promise<{ address: string; family: number }> {
  return new Promise((resolve, reject) =>
    dns.lookup(hostname, (error, address, family) => (error ? reject(error) : resolve({ address, family }))),
  )
}

describe('localhost names for the Sanity CLI', () => {
  it('knows localhost and its subdomains, and nothing that merely contains the word', () => {
    expect(isLocalhostName('localhost')).toBe(true)
    expect(isLocalhostName('lakeside.localhost')).toBe(true)
    expect(isLocalhostName('Lakeside.LOCALHOST.')).toBe(true)
    expect(isLocalhostName('localhost.example.com')).toBe(false)
    expect(isLocalhostName('mylocalhost')).toBe(false)
  })

  it('answers a project host name under localhost with the lake address, in both lookup forms', async () => {
    expect(await lookupOne('lakeside.localhost')).toEqual({ address: '127.0.0.1', family: 4 })
    const all = await promisify(dns.lookup)('lakeside.localhost', { all: true })
    expect(all as unknown as LookupAddress[]).toEqual([{ address: '127.0.0.1', family: 4 }])
  })

  it('leaves other names to the system resolver', async () => {
    expect(await lookupOne('127.0.0.2')).toEqual({ address: '127.0.0.2', family: 4 })
    await expect(lookupOne('no-such-host.invalid')).rejects.toMatchObject({
      code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/),
    })
  })
})
