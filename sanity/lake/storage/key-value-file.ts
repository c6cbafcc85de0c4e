import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { writeFileAtomically } from './disk-files.ts'

const fileSchema = z.object({ users: z.record(z.string(), z.record(z.string(), z.unknown())) })

export type KeyValueStore = {
  /** Values of `keys` for `userId`; `null` for keys never set. */
  get(userId: string, keys: readonly string[]): { key: string; value: unknown }[]
  set(userId: string, pairs: readonly { key: string; value: unknown }[]): Promise<void>
}

/** Per-user Studio UI state (`/users/me/keyvalue`), kept in one small JSON file in the data dir. */
export async function openKeyValueFile(path: string): Promise<KeyValueStore> {
  let users: Record<string, Record<string, unknown>> = {}
  try {
    const parsed = fileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')))
    if (parsed.success) users = parsed.data.users
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error
  }
  let writing: Promise<void> = Promise.resolve()
  return {
    get(userId, keys) {
      const values = users[userId] ?? {}
      return keys.map((key) => ({ key, value: values[key] ?? null }))
    },
    set(userId, pairs) {
      const values = { ...users[userId] }
      for (const { key, value } of pairs) values[key] = value
      users = { ...users, [userId]: values }
      const snapshot = JSON.stringify({ users })
      // Writes are chained so an older snapshot can never land after a newer one.
      writing = writing.catch(() => undefined).then(() => writeFileAtomically(path, [snapshot + '\n']))
      return writing
    },
  }
}
