// Builds the Sanity Studio for the embedded lake, which serves it under /studio/ on its HTTPS origin.
import { resolve } from 'node:path'
import { buildStampOf, isBuildCurrent, recordBuild, STUDIO_BUILD } from './build-stamp.ts'
import { runToCompletion } from './child.ts'

const root = resolve(import.meta.dirname, '../..')
export const STUDIO_DIR = resolve(root, 'dist/studio')

/** Rebuilds the Studio when its sources or the lake's HTTPS port changed; returns whether it built. */
export async function buildStudioIfStale(lakeTlsPort: number, force: boolean): Promise<boolean> {
  // The Studio inlines SANITY_STUDIO_* at build time, so the port it calls is part of what is built.
  const env = { SANITY_STUDIO_LAKE_PORT: String(lakeTlsPort), SANITY_TELEMETRY_DISABLED: '1' }
  const stamp = buildStampOf(root, STUDIO_BUILD, env)
  if (!force && isBuildCurrent(root, STUDIO_BUILD, stamp)) return false
  process.stdout.write('Building the Studio (sanity build)…\n')
  await runToCompletion({
    name: 'studio',
    command: process.execPath,
    args: [resolve(root, 'node_modules/sanity/bin/sanity'), 'build', STUDIO_DIR, '--yes'],
    env,
  })
  await runToCompletion({
    name: 'studio',
    command: process.execPath,
    args: [resolve(root, 'sanity/studio/postbuild.ts'), STUDIO_DIR],
  })
  recordBuild(root, STUDIO_BUILD, stamp)
  return true
}
