import { open, rename } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Makes a rename or a newly created file durable: the directory entry itself must be synced. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Writes `chunks` to `path` so that a crash leaves either the old file or the complete new one. */
export async function writeFileAtomically(path: string, chunks: Iterable<string>): Promise<void> {
  const temporary = `${path}.tmp`
  const handle = await open(temporary, 'w', 0o600)
  try {
    let buffer = ''
    for (const chunk of chunks) {
      buffer += chunk
      if (buffer.length > 1 << 20) {
        await handle.write(buffer)
        buffer = ''
      }
    }
    if (buffer) await handle.write(buffer)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, path)
  await syncDirectory(dirname(path))
}
