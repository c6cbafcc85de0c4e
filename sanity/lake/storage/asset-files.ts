import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { syncDirectory } from './disk-files.ts'

/** Asset bytes, stored under `<root>/<dataset>/<name>`. Names are built by the lake, never taken from a request path as is. */
export type AssetFiles = {
  write(dataset: string, name: string, bytes: Buffer): Promise<void>
  /** Returns `null` when no such asset exists. */
  read(dataset: string, name: string): Promise<Buffer | null>
}

const SAFE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/

export function createAssetFiles(root: string): AssetFiles {
  const pathOf = (dataset: string, name: string): string | null =>
    SAFE_NAME.test(name) && SAFE_NAME.test(dataset) ? join(root, dataset, name) : null
  return {
    async write(dataset, name, bytes) {
      const path = pathOf(dataset, name)
      if (path === null) throw new Error(`Unsafe asset name ${dataset}/${name}`)
      await mkdir(join(root, dataset), { recursive: true, mode: 0o700 })
      const temporary = `${path}.tmp`
      const handle = await open(temporary, 'w', 0o600)
      try {
        await handle.write(bytes)
        // The asset document is committed after this returns, so its bytes must already be durable.
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temporary, path)
      await syncDirectory(join(root, dataset))
    },
    async read(dataset, name) {
      const path = pathOf(dataset, name)
      if (path === null) return null
      try {
        return await readFile(path)
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null
        throw error
      }
    },
  }
}
