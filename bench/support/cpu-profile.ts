// Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and says where the busy time went: the functions with the
// most self time, and the same time grouped by package or source folder. Minified code (Next's runtime, the
// Turbopack server chunks) is traced back through the `.map` files next to it, so `bf` in a hashed chunk
// is placed in, say, `@sanity/client/src/data/dataMethods.ts`.
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { SourceMap } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { REPO_ROOT } from './settings.ts'

const cpuProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({
        functionName: z.string(),
        url: z.string(),
        lineNumber: z.number(),
        columnNumber: z.number(),
      }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
})

type CallFrame = z.infer<typeof cpuProfileSchema>['nodes'][number]['callFrame']

export type SelfTimeEntry = { name: string; area: string; location: string; ms: number; share: number }
export type AreaEntry = { area: string; ms: number; share: number }

export type CpuProfileSummary = {
  profiledMs: number
  idleMs: number
  busyMs: number
  topFunctions: SelfTimeEntry[]
  areas: AreaEntry[]
}

// V8's pseudo-frames: not code, but where the time went all the same.
const PSEUDO_FRAMES = new Set(['(idle)', '(program)', '(garbage collector)', '(root)'])

type Origin = { source: string; line: number }

/**
 * An original source as a path: relative to the repository for our code, `node_modules/<package>/…` for
 * packages. Maps name their sources relative to the map file, or as `webpack://<package>/./…` (Next's runtime).
 */
function normalizeSource(source: string, mapFile: string): string {
  const decoded = decodeURIComponent(source)
  const webpack = /^webpack:\/\/([^/]+)\/(?:\.\/)?(.*)$/.exec(decoded)
  if (webpack?.[1] !== undefined && webpack[2] !== undefined)
    return `node_modules/${webpack[1]}/${webpack[2]}`
  const project = /^turbopack:\/\/\/\[project\]\/(.*)$/.exec(decoded)?.[1]
  const absolute =
    project !== undefined
      ? resolve(REPO_ROOT, project)
      : decoded.startsWith('file://')
        ? fileURLToPath(decoded)
        : resolve(dirname(mapFile), decoded)
  return absolute.startsWith(`${REPO_ROOT}/`) ? absolute.slice(REPO_ROOT.length + 1) : absolute
}

/** Finds where generated code came from, through `<file>.map`; `null` when there is no map or no mapping. */
function createSourceResolver(): (frame: CallFrame) => Origin | null {
  const maps = new Map<string, SourceMap | null>()
  const load = (file: string): SourceMap | null => {
    if (!maps.has(file)) {
      let map: SourceMap | null = null
      try {
        if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')))
      } catch {
        map = null // an unreadable map only costs the nicer locations
      }
      maps.set(file, map)
    }
    return maps.get(file) ?? null
  }
  return (frame) => {
    if (!frame.url.startsWith('file://') && !frame.url.startsWith('/')) return null
    const file = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url
    const entry = load(file)?.findEntry(frame.lineNumber, frame.columnNumber)
    if (entry === undefined || !('originalSource' in entry)) return null
    return { source: normalizeSource(entry.originalSource, `${file}.map`), line: entry.originalLine + 1 }
  }
}

/** `react-dom (bundled in next)`, `@sanity/client`, or a project folder such as `lib/content`. */
function toSourceArea(path: string): string {
  const inPackage = path.split('node_modules/').pop() ?? path
  if (inPackage === path) {
    const folders = path.split('/').slice(0, -1)
    return folders.length === 0 ? path : folders.slice(0, 2).join('/')
  }
  const compiled = /^next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(inPackage)?.[1]
  if (compiled !== undefined) return `${compiled} (bundled in next)`
  const [scope = '', name = ''] = inPackage.split('/')
  return scope.startsWith('@') ? `${scope}/${name}` : scope
}

function toArea(frame: CallFrame, origin: Origin | null): string {
  if (PSEUDO_FRAMES.has(frame.functionName) && frame.url === '') return frame.functionName
  if (frame.url === '' || frame.url.startsWith('node:')) return 'node internals'
  if (origin !== null) return toSourceArea(origin.source)
  const path = frame.url.replace(/^file:\/\//, '')
  if (/\/\.next\/server\//.test(path)) return 'app bundle (no source map)'
  return toSourceArea(path)
}

function toLocation(frame: CallFrame, origin: Origin | null): string {
  if (origin !== null) return `${origin.source.split('node_modules/').pop() ?? origin.source}:${origin.line}`
  if (frame.url === '') return ''
  const path = frame.url.replace(/^file:\/\//, '')
  return `${(path.split('/node_modules/').pop() ?? path).replace(/^.*\/\.next\//, '.next/')}:${frame.lineNumber + 1}`
}

const share = (ms: number, total: number): number => (total === 0 ? 0 : ms / total)

/** `skipMs`: samples in the first milliseconds of the profile (start-up, warm-up) are left out. */
export async function summarizeCpuProfile(file: string, skipMs = 0, top = 10): Promise<CpuProfileSummary> {
  const profile = cpuProfileSchema.parse(JSON.parse(await readFile(file, 'utf8')))
  const selfUs = new Map<number, number>()
  let elapsedUs = 0
  profile.samples.forEach((nodeId, index) => {
    const delta = profile.timeDeltas[index] ?? 0
    elapsedUs += delta
    if (elapsedUs < skipMs * 1000) return
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + delta)
  })

  const resolve = createSourceResolver()
  const byFunction = new Map<string, Omit<SelfTimeEntry, 'share'>>()
  const byArea = new Map<string, number>()
  let idleMs = 0
  let profiledMs = 0
  for (const node of profile.nodes) {
    const ms = (selfUs.get(node.id) ?? 0) / 1000
    if (ms === 0) continue
    profiledMs += ms
    const frame = node.callFrame
    if (frame.functionName === '(idle)') {
      idleMs += ms
      continue
    }
    const origin = resolve(frame)
    const area = toArea(frame, origin)
    byArea.set(area, (byArea.get(area) ?? 0) + ms)
    const name = frame.functionName === '' ? '(anonymous)' : frame.functionName
    const location = toLocation(frame, origin)
    const key = `${name}\0${location}`
    const entry = byFunction.get(key) ?? { name, area, location, ms: 0 }
    entry.ms += ms
    byFunction.set(key, entry)
  }

  const busyMs = profiledMs - idleMs
  return {
    profiledMs,
    idleMs,
    busyMs,
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((entry) => ({ ...entry, share: share(entry.ms, busyMs) })),
    areas: [...byArea.entries()]
      .map(([area, ms]) => ({ area, ms, share: share(ms, busyMs) }))
      .sort((a, b) => b.ms - a.ms),
  }
}
