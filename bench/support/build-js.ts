// First-load JS of one route, read from the build output rather than a browser: the chunks every route loads
// (Next's client runtime and React, listed in build-manifest.json as rootMainFiles) and the chunks the route's
// own layout and page add (its client reference manifest). Next 16 no longer prints this per route.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createContext, runInContext } from 'node:vm'
import { gzipSync } from 'node:zlib'
import { z } from 'zod'

export type ChunkWeight = { file: string; bytes: number; gzipBytes: number }
export type RouteFirstLoadJs = {
  /** Loaded by every route: the framework floor. */
  shared: ChunkWeight[]
  /** Added by this route's layouts and page: ours. */
  route: ChunkWeight[]
  /** `nomodule` scripts: only browsers without ES modules fetch them. */
  polyfills: ChunkWeight[]
}

const buildManifestSchema = z.object({
  rootMainFiles: z.array(z.string()),
  polyfillFiles: z.array(z.string()),
})
const clientManifestSchema = z.record(
  z.string(),
  z.object({ entryJSFiles: z.record(z.string(), z.array(z.string())) }),
)

async function weigh(nextDir: string, file: string): Promise<ChunkWeight> {
  const content = await readFile(join(nextDir, file))
  // Level 6 is zlib's default, which `next start`'s compression uses.
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 6 }).length }
}

/** The manifest is a script that assigns to `globalThis.__RSC_MANIFEST`: run it in an empty context. */
async function readEntryFiles(nextDir: string, page: string): Promise<string[]> {
  const path = join(nextDir, 'server/app', `${page}_client-reference-manifest.js`)
  const sandbox = createContext({})
  runInContext(await readFile(path, 'utf8'), sandbox, { filename: path, timeout: 1_000 })
  const manifests = clientManifestSchema.parse(sandbox.__RSC_MANIFEST)
  const manifest = manifests[page]
  if (manifest === undefined) throw new Error(`${path} has no entry for ${page}`)
  return [...new Set(Object.values(manifest.entryJSFiles).flat())]
}

/** `page`: the route's app path with its page file, e.g. `/posts/[slug]/page`. */
export async function readRouteFirstLoadJs(nextDir: string, page: string): Promise<RouteFirstLoadJs> {
  const build = buildManifestSchema.parse(
    JSON.parse(await readFile(join(nextDir, 'build-manifest.json'), 'utf8')),
  )
  const shared = new Set(build.rootMainFiles)
  const routeFiles = (await readEntryFiles(nextDir, page)).filter((file) => !shared.has(file))
  return {
    shared: await Promise.all(build.rootMainFiles.map((file) => weigh(nextDir, file))),
    route: await Promise.all(routeFiles.map((file) => weigh(nextDir, file))),
    polyfills: await Promise.all(build.polyfillFiles.map((file) => weigh(nextDir, file))),
  }
}
