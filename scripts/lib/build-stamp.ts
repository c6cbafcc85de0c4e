import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

// Everything `next build` turns into output. A change to any of these makes `npm start` rebuild.
const BUILD_INPUTS = [
  'app',
  'lib',
  'public',
  'sanity/schemaTypes',
  'sanity/sanity.types.ts',
  'next.config.ts',
  'tsconfig.json',
  'package-lock.json',
]

function listFiles(root: string, path: string): string[] {
  const full = join(root, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [path]
  return readdirSync(full)
    .sort()
    .flatMap((name) => listFiles(root, join(path, name)))
}

/** A hash of the build's inputs and of the settings baked into the build. */
export function buildStampOf(root: string, settings: Record<string, string>): string {
  const hash = createHash('sha256')
  for (const file of BUILD_INPUTS.flatMap((input) => listFiles(root, input))) {
    hash
      .update(relative(root, join(root, file)))
      .update('\0')
      .update(readFileSync(join(root, file)))
  }
  hash.update(JSON.stringify(Object.entries(settings).sort()))
  return hash.digest('hex')
}

const stampFile = (root: string): string => join(root, '.next', 'source-stamp')

export function isBuildCurrent(root: string, stamp: string): boolean {
  const file = stampFile(root)
  return (
    existsSync(join(root, '.next', 'BUILD_ID')) && existsSync(file) && readFileSync(file, 'utf8') === stamp
  )
}

export function recordBuild(root: string, stamp: string): void {
  writeFileSync(stampFile(root), stamp)
}
