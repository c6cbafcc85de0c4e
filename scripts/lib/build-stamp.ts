import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** What a build turns into output, and where its record of the last build lives. */
export type BuildTarget = {
  /** Files and folders, relative to the repository root; a change to any of them means a rebuild. */
  inputs: readonly string[]
  /** The file the build must have produced (relative to the root). */
  output: string
  /** Where the stamp of the last successful build is kept (relative to the root). */
  stampFile: string
}

/** A Next build into `distDir` (next.config.ts reads NEXT_DIST_DIR): the stack builds apart from `npm start`. */
export function nextBuildTarget(distDir: string): BuildTarget {
  return {
    inputs: [
      'app',
      'lib',
      'public',
      'instrumentation.ts',
      'sanity/schemaTypes',
      // The embedded Studio under /studio (app/studio) is bundled from its config.
      'sanity/studio',
      'sanity/sanity.types.ts',
      'next.config.ts',
      'tsconfig.json',
      'tsconfig.next.json',
      'package-lock.json',
    ],
    output: `${distDir}/BUILD_ID`,
    stampFile: `${distDir}/source-stamp`,
  }
}

export const NEXT_BUILD: BuildTarget = nextBuildTarget('.next')

export const STUDIO_BUILD: BuildTarget = {
  inputs: [
    'sanity/studio',
    'sanity/schemaTypes',
    'lib',
    'sanity.cli.ts',
    'sanity.config.ts',
    'package-lock.json',
  ],
  output: 'dist/studio/index.html',
  stampFile: 'dist/studio-source-stamp',
}

function listFiles(root: string, path: string): string[] {
  const full = join(root, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [path]
  return readdirSync(full)
    .sort()
    .flatMap((name) => listFiles(root, join(path, name)))
}

/** A hash of the target's inputs and of the settings baked into its output. */
export function buildStampOf(root: string, target: BuildTarget, settings: Record<string, string>): string {
  const hash = createHash('sha256')
  for (const file of target.inputs.flatMap((input) => listFiles(root, input))) {
    hash
      .update(relative(root, join(root, file)))
      .update('\0')
      .update(readFileSync(join(root, file)))
  }
  hash.update(JSON.stringify(Object.entries(settings).sort()))
  return hash.digest('hex')
}

export function isBuildCurrent(root: string, target: BuildTarget, stamp: string): boolean {
  const file = join(root, target.stampFile)
  return existsSync(join(root, target.output)) && existsSync(file) && readFileSync(file, 'utf8') === stamp
}

export function recordBuild(root: string, target: BuildTarget, stamp: string): void {
  writeFileSync(join(root, target.stampFile), stamp)
}
