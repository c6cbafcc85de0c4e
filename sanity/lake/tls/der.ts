// A minimal DER (ASN.1 Distinguished Encoding Rules, ITU-T X.690) writer: just the types an X.509
// certificate needs. Node can sign and verify certificates but has no API to build one.

const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  objectIdentifier: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length])
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content])
}

export const sequence = (...items: Buffer[]): Buffer => tlv(TAG.sequence, Buffer.concat(items))
export const set = (...items: Buffer[]): Buffer => tlv(TAG.set, Buffer.concat(items))
export const octetString = (content: Buffer): Buffer => tlv(TAG.octetString, content)
export const utf8String = (text: string): Buffer => tlv(TAG.utf8String, Buffer.from(text, 'utf8'))
export const boolean = (value: boolean): Buffer => tlv(TAG.boolean, Buffer.from([value ? 0xff : 0x00]))
export const nullValue = (): Buffer => tlv(TAG.null, Buffer.alloc(0))

/** A BIT STRING whose content is whole bytes (no unused bits), as signatures and keys are. */
export const bitString = (content: Buffer): Buffer =>
  tlv(TAG.bitString, Buffer.concat([Buffer.from([0]), content]))

/** A non-negative INTEGER from big-endian bytes; a leading zero keeps a set top bit from reading as negative. */
export function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1
  const trimmed = bytes.subarray(start)
  const first = trimmed[0] ?? 0
  return tlv(TAG.integer, first & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed)
}

export const smallInteger = (value: number): Buffer => unsignedInteger(Buffer.from([value]))

export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number)
  const [first = 0, second = 0, ...rest] = arcs
  const bytes: number[] = [first * 40 + second]
  for (const arc of rest) {
    const groups: number[] = []
    for (let value = arc; ; value = Math.floor(value / 128)) {
      groups.unshift(value % 128)
      if (value < 128) break
    }
    groups.forEach((group, index) => bytes.push(index < groups.length - 1 ? group | 0x80 : group))
  }
  return tlv(TAG.objectIdentifier, Buffer.from(bytes))
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 on. */
export function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14)
  return date.getUTCFullYear() < 2050
    ? tlv(TAG.utcTime, Buffer.from(`${iso.slice(2)}Z`, 'ascii'))
    : tlv(TAG.generalizedTime, Buffer.from(`${iso}Z`, 'ascii'))
}

/** A context-specific tag: `[n]` constructed (explicit wrapping) or primitive (implicit, e.g. SAN names). */
export const contextTag = (n: number, content: Buffer, constructed: boolean): Buffer =>
  tlv((constructed ? 0xa0 : 0x80) | n, content)
