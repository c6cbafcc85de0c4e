import { join } from 'node:path'
import { readRunFile, type RunFile } from './storage/run-file.ts'
import { readTokenFile } from './storage/token-file.ts'

/**
 * What `<dataDir>/lake.json` says, checked against the machine: a lake killed with `kill -9` (or by a power
 * cut) never removes its run file, so the file alone does not mean a lake is running (issue #14).
 * - `running`: its process is alive and answers at its URL.
 * - `stale`: its process is gone, or lives but does not answer (a reused pid, a hung or stopped lake).
 */
export type RunFileState =
  | { state: 'none' }
  | { state: 'running'; run: RunFile }
  | { state: 'stale'; run: RunFile; reason: 'process-gone' | 'not-answering' }

/** What an operator command needs to reach the lake running on a data folder: where it listens, and its editor token. */
export type RunningLake = { run: RunFile; editorToken: string | undefined }

export type RunningLakeLookup =
  | { state: 'none' }
  | { state: 'stale'; run: RunFile; reason: 'process-gone' | 'not-answering' }
  | ({ state: 'running' } & RunningLake)

/** How long a lake has to answer a ping before it counts as not answering. */
const PING_TIMEOUT_MS = 2000

export function buildRunFilePath(dataDir: string): string {
  return join(dataDir, 'lake.json')
}

export async function checkRunFile(dataDir: string): Promise<RunFileState> {
  const run = await readRunFile(buildRunFilePath(dataDir))
  if (run === null) return { state: 'none' }
  if (!isProcessAlive(run.pid)) return { state: 'stale', run, reason: 'process-gone' }
  return (await isAnswering(run.url))
    ? { state: 'running', run }
    : { state: 'stale', run, reason: 'not-answering' }
}

export async function lookUpRunningLake(dataDir: string): Promise<RunningLakeLookup> {
  const checked = await checkRunFile(dataDir)
  if (checked.state !== 'running') return checked
  const tokens = (await readTokenFile(join(dataDir, 'tokens.json'))) ?? []
  return {
    state: 'running',
    run: checked.run,
    editorToken: tokens.find((token) => token.role === 'editor')?.token,
  }
}

/** One sentence for an operator about a run file that names no running lake. */
export function describeStaleRunFile(state: Extract<RunFileState, { state: 'stale' }>): string {
  const { pid, url } = state.run
  return state.reason === 'process-gone'
    ? `lake.json names a lake at ${url} whose process ${pid} is gone (it was killed or crashed)`
    : `lake.json names a lake at ${url} whose process ${pid} is alive but does not answer there`
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM'
  }
}

async function isAnswering(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/v1/ping', url), { signal: AbortSignal.timeout(PING_TIMEOUT_MS) })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}

/**
 * The first of `dataDirs` whose lake is running; otherwise the first whose run file is stale (so the operator hears
 * why), otherwise the first. Operator commands then act on that folder.
 */
export async function pickOperatorDataDir(dataDirs: readonly string[]): Promise<string> {
  const [first] = dataDirs
  if (first === undefined) throw new Error('no data folder to look in')
  let stale: string | undefined
  for (const dataDir of dataDirs) {
    const checked = await checkRunFile(dataDir)
    if (checked.state === 'running') return dataDir
    if (checked.state === 'stale') stale ??= dataDir
  }
  return stale ?? first
}
