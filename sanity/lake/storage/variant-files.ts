import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Transformed images, kept once made so the same URL never costs a transform twice (issue #14). Stored under
 * `<root>/<dataset>/<key>`. A variant can always be made again from its source, so a lost or torn file only
 * costs a transform: files are written whole (temp file, then rename) and never trusted past that.
 */
export type VariantFiles = {
  /** Returns `null` when the variant has not been made yet. */
  read(dataset: string, key: string): Promise<Buffer | null>
  write(dataset: string, key: string, bytes: Buffer): Promise<void>
}

const SAFE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/

export function createVariantFiles(root: string): VariantFiles {
  const pathOf = (dataset: string, key: string): string | null =>
    SAFE_NAME.test(dataset) && SAFE_NAME.test(key) ? join(root, dataset, key) : null
  return {
    async read(dataset, key) {
      const path = pathOf(dataset, key)
      if (path === null) return null
      try {
        const bytes = await readFile(path)
        return bytes.length > 0 ? bytes : null
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null
        throw error
      }
    },
    async write(dataset, key, bytes) {
      const path = pathOf(dataset, key)
      if (path === null) throw new Error(`Unsafe variant name ${dataset}/${key}`)
      await mkdir(join(root, dataset), { recursive: true, mode: 0o700 })
      // Two lakes on one data dir, or a write racing a crash's leftovers, must not share a temp file.
      const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
      try {
        const handle = await open(temporary, 'wx', 0o600)
        try {
          await handle.write(bytes)
          // Synced before the rename, so after a power cut the name points at the whole file or at nothing.
          await handle.sync()
        } finally {
          await handle.close()
        }
        await rename(temporary, path)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
    },
  }
}
