import { createHash, timingSafeEqual } from 'node:crypto'
import type { Access } from '../core/access.ts'
import { readModifiedTime, readTokenFile, type TokenRecord } from '../storage/token-file.ts'

export type Caller = { access: Access; tokenId: string | null }
export type Authentication = { ok: true; caller: Caller } | { ok: false; reason: 'unknown-token' }

const RELOAD_INTERVAL_MS = 1000

/** Resolves bearer tokens to roles; picks up `lake tokens create|revoke` from the file within a second. */
export class TokenRegistry {
  #path: string
  #tokens: { record: TokenRecord; digest: Buffer }[] = []
  #checkedAt = 0
  #mtime = -1

  constructor(path: string, tokens: TokenRecord[]) {
    this.#path = path
    this.#set(tokens)
  }

  async authenticate(authorization: string | undefined): Promise<Authentication> {
    if (authorization === undefined || authorization === '')
      return { ok: true, caller: { access: 'anonymous', tokenId: null } }
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim())
    if (!match?.[1]) return { ok: false, reason: 'unknown-token' }
    await this.#refresh()
    const digest = sha256(match[1])
    let found: TokenRecord | null = null
    // Compare against every token in constant time so timing reveals neither a match nor its position.
    for (const entry of this.#tokens) {
      if (timingSafeEqual(entry.digest, digest)) found = entry.record
    }
    if (!found) return { ok: false, reason: 'unknown-token' }
    return { ok: true, caller: { access: found.role, tokenId: found.id } }
  }

  /** The role of token `tokenId`; `null` when no such token exists (any more). */
  async findRole(tokenId: string): Promise<TokenRecord['role'] | null> {
    await this.#refresh()
    return this.#tokens.find((entry) => entry.record.id === tokenId)?.record.role ?? null
  }

  async #refresh(): Promise<void> {
    const now = Date.now()
    if (now - this.#checkedAt < RELOAD_INTERVAL_MS) return
    this.#checkedAt = now
    const mtime = await readModifiedTime(this.#path)
    if (mtime === this.#mtime) return
    this.#mtime = mtime
    const tokens = await readTokenFile(this.#path)
    if (tokens) this.#set(tokens)
  }

  #set(tokens: TokenRecord[]): void {
    this.#tokens = tokens.map((record) => ({ record, digest: sha256(record.token) }))
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
