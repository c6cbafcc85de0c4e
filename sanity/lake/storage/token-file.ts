import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readFile, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { writeFileAtomically } from './disk-files.ts'

export const TOKEN_ROLES = ['editor', 'viewer'] as const
export type TokenRole = (typeof TOKEN_ROLES)[number]

const tokenRecordSchema = z.object({
  id: z.string(),
  role: z.enum(TOKEN_ROLES),
  token: z.string().min(32),
  createdAt: z.string(),
})
const tokenFileSchema = z.object({ tokens: z.array(tokenRecordSchema) })
export type TokenRecord = z.infer<typeof tokenRecordSchema>

export class TokenFileError extends Error {
  override name = 'TokenFileError'
}

export function buildToken(role: TokenRole, now: Date): TokenRecord {
  return {
    id: `tok-${randomBytes(6).toString('hex')}`,
    role,
    token: `sk${role[0]}${randomBytes(32).toString('base64url')}`,
    createdAt: now.toISOString(),
  }
}

/** Reads `<path>`; returns `null` when the file does not exist. */
export async function readTokenFile(path: string): Promise<TokenRecord[] | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null
    throw new TokenFileError(`Could not read ${path}`, { cause: error })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new TokenFileError(`${path} is not valid JSON`, { cause: error })
  }
  const parsed = tokenFileSchema.safeParse(json)
  if (!parsed.success) throw new TokenFileError(`${path} has an unexpected shape`, { cause: parsed.error })
  return parsed.data.tokens
}

export async function writeTokenFile(path: string, tokens: TokenRecord[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  await writeFileAtomically(path, [JSON.stringify({ tokens }, null, 2) + '\n'])
  // Tokens are secrets: owner-only, whatever the umask was.
  await chmod(path, 0o600)
}

/** Creates one editor and one viewer token on first start; returns all tokens. */
export async function ensureTokenFile(path: string, now: Date): Promise<TokenRecord[]> {
  const existing = await readTokenFile(path)
  if (existing !== null) return existing
  const tokens = [buildToken('editor', now), buildToken('viewer', now)]
  await writeTokenFile(path, tokens)
  return tokens
}

export async function readModifiedTime(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs
  } catch {
    return 0
  }
}
