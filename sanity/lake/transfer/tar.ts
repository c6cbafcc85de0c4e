/** A minimal ustar reader and writer: enough for `sanity dataset export` archives (files only). */

export type TarEntry = { path: string; data: Buffer }

const BLOCK = 512

export class TarFormatError extends Error {
  override name = 'TarFormatError'
}

export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = []
  let offset = 0
  let longName: string | null = null
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK)
    if (header.every((byte) => byte === 0)) break
    if (!hasValidChecksum(header)) throw new TarFormatError(`Bad tar header checksum at byte ${offset}`)
    const size = parseOctal(header.subarray(124, 136))
    const type = String.fromCharCode(header[156] ?? 0)
    const dataStart = offset + BLOCK
    const data = archive.subarray(dataStart, dataStart + size)
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK
    if (type === 'L') {
      longName = readString(data, 0, data.length)
      continue
    }
    if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))
      if (path?.[1]) longName = path[1]
      continue
    }
    const name = readString(header, 0, 100)
    const prefix = readString(header, 345, 155)
    const path = longName ?? (prefix ? `${prefix}/${name}` : name)
    longName = null
    if (type === '0' || type === '\0' || type === '7') entries.push({ path, data: Buffer.from(data) })
  }
  return entries
}

export function writeTar(entries: TarEntry[], mtime: Date): Buffer {
  const blocks: Buffer[] = []
  for (const entry of entries) {
    const { name, prefix } = splitPath(entry.path)
    const header = Buffer.alloc(BLOCK)
    header.write(name, 0, 100, 'utf8')
    writeOctal(header, 100, 8, 0o644)
    writeOctal(header, 108, 8, 0)
    writeOctal(header, 116, 8, 0)
    writeOctal(header, 124, 12, entry.data.length)
    writeOctal(header, 136, 12, Math.floor(mtime.getTime() / 1000))
    header.write('        ', 148, 8, 'ascii')
    header.write('0', 156, 1, 'ascii')
    header.write('ustar\u000000', 257, 8, 'binary')
    header.write(prefix, 345, 155, 'utf8')
    let sum = 0
    for (const byte of header) sum += byte
    header.write(sum.toString(8).padStart(6, '0') + '\u0000 ', 148, 8, 'binary')
    blocks.push(header, entry.data, Buffer.alloc((BLOCK - (entry.data.length % BLOCK)) % BLOCK))
  }
  blocks.push(Buffer.alloc(BLOCK * 2))
  return Buffer.concat(blocks)
}

function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' }
  const slash = path.lastIndexOf('/', path.length - 1)
  const name = path.slice(slash + 1)
  const prefix = path.slice(0, slash)
  if (slash === -1 || Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155)
    throw new TarFormatError(`Path too long for ustar: ${path}`)
  return { name, prefix }
}

function hasValidChecksum(header: Buffer): boolean {
  const stored = parseOctal(header.subarray(148, 156))
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0)
  return sum === stored
}

function parseOctal(field: Buffer): number {
  const text = readString(field, 0, field.length).trim()
  return text === '' ? 0 : parseInt(text, 8)
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  header.write(value.toString(8).padStart(length - 1, '0') + '\u0000', offset, length, 'binary')
}

function readString(buffer: Buffer, offset: number, length: number): string {
  const slice = buffer.subarray(offset, offset + length)
  const end = slice.indexOf(0)
  return slice.subarray(0, end === -1 ? slice.length : end).toString('utf8')
}
