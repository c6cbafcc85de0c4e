// The header block of a message exactly as the SMTP server received it, to check nothing was injected.

export type RawHeader = { name: string; value: string }

/** Header fields of a raw RFC 5322 message, unfolded (continuation lines joined), in order. */
export function listRawHeaders(raw: string): RawHeader[] {
  const end = raw.search(/\r?\n\r?\n/)
  const block = end === -1 ? raw : raw.slice(0, end)
  const headers: RawHeader[] = []
  for (const line of block.split(/\r?\n/)) {
    const last = headers.at(-1)
    if (/^[ \t]/.test(line) && last !== undefined) {
      last.value += line
      continue
    }
    const colon = line.indexOf(':')
    headers.push({
      name: colon === -1 ? line : line.slice(0, colon),
      value: colon === -1 ? '' : line.slice(colon + 1),
    })
  }
  return headers
}

export function countHeaders(headers: readonly RawHeader[], name: string): number {
  return headers.filter((header) => header.name.toLowerCase() === name.toLowerCase()).length
}
