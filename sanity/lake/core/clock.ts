import { randomBytes } from 'node:crypto'
import { uuid } from '@sanity/uuid'

/** Time and identity sources are injected so core stays deterministic under test. */
export type Clock = { now(): Date }
export type IdSource = { newDocumentId(): string; newTransactionId(): string }

export const systemClock: Clock = { now: () => new Date() }

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const TRANSACTION_ID_LENGTH = 22

export function buildRandomId(length: number): string {
  const bytes = randomBytes(length * 2)
  let out = ''
  // Rejection sampling keeps the alphabet uniform: 248 is the largest multiple of 62 below 256.
  for (const byte of bytes) {
    if (byte >= 248) continue
    out += BASE62[byte % 62]
    if (out.length === length) return out
  }
  return out + buildRandomId(length - out.length)
}

export const randomIdSource: IdSource = {
  newDocumentId: () => uuid(),
  newTransactionId: () => buildRandomId(TRANSACTION_ID_LENGTH),
}
