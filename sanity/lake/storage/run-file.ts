import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { writeFileAtomically } from './disk-files.ts'

/** `<dataDir>/lake.json`: where the running lake listens, so operator commands can reach it. */
export const runFileSchema = z.object({
  url: z.url(),
  pid: z.number().int(),
  projectId: z.string(),
  dataset: z.string(),
})
export type RunFile = z.infer<typeof runFileSchema>

export async function writeRunFile(path: string, value: RunFile): Promise<void> {
  await writeFileAtomically(path, [JSON.stringify(value) + '\n'])
}

/** Returns `null` when no lake has announced itself in that data dir. */
export async function readRunFile(path: string): Promise<RunFile | null> {
  try {
    const parsed = runFileSchema.safeParse(JSON.parse(await readFile(path, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
