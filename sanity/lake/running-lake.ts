import { join } from 'node:path'
import { readRunFile, type RunFile } from './storage/run-file.ts'
import { readTokenFile } from './storage/token-file.ts'

/** What an operator command needs to reach the lake running on a data folder: where it listens, and its editor token. */
export type RunningLake = { run: RunFile; editorToken: string | undefined }

/** `null` when no lake has announced itself in `dataDir`. */
export async function findRunningLake(dataDir: string): Promise<RunningLake | null> {
  const run = await readRunFile(join(dataDir, 'lake.json'))
  if (run === null) return null
  const tokens = (await readTokenFile(join(dataDir, 'tokens.json'))) ?? []
  return { run, editorToken: tokens.find((token) => token.role === 'editor')?.token }
}
