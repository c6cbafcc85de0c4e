import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

const localSecretsSchema = z.object({
  webhookSecret: z.string().min(32),
  previewSecret: z.string().min(32),
  commentSigningKey: z.string().min(32),
})

export type LocalSecrets = z.infer<typeof localSecretsSchema>

const newSecret = (): string => randomBytes(32).toString('base64url')

/**
 * The secrets a zero-configuration install needs, made once per data folder and kept there (mode 0600),
 * so restarts keep signed links and webhook signatures valid.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json')
  if (existsSync(file)) {
    const parsed = localSecretsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    if (parsed.success) return parsed.data
    throw new Error(`${file} is not a valid secrets file; delete it to generate new secrets`, {
      cause: parsed.error,
    })
  }
  const secrets: LocalSecrets = {
    webhookSecret: newSecret(),
    previewSecret: newSecret(),
    commentSigningKey: newSecret(),
  }
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}
