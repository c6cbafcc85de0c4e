// `next build` for the benchmark's settings, stamped the way scripts/start.ts stamps its builds, so that
// `node scripts/start.ts` with the same settings finds the build current and skips building.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildStampOf, isBuildCurrent, NEXT_BUILD, recordBuild } from '../../scripts/lib/build-stamp.ts'
import { startChild, stopChild } from '../../scripts/lib/child.ts'
import { loadOrCreateLocalSecrets } from '../../scripts/lib/local-secrets.ts'
import { track } from './running.ts'
import { BENCH_DATA_ROOT, BENCH_LAKE_URL, BENCH_SITE_URL, NEXT_BIN, REPO_ROOT } from './settings.ts'

const OTHER_BUILD_WAIT_MS = 10 * 60_000
const OTHER_BUILD_POLL_MS = 2_000

function benchBuildStamp(): string {
  // The same two settings, in the same shape, as scripts/start.ts hashes.
  return buildStampOf(REPO_ROOT, NEXT_BUILD, { SITE_URL: BENCH_SITE_URL, SANITY_API_HOST: BENCH_LAKE_URL })
}

// Pages prerendered by a build embed values signed with the comment key; a build made with other secrets
// (after .data/bench was emptied) would serve form tokens the running site rejects.
const SECRETS_MARK = join(REPO_ROOT, '.next', 'bench-secrets')

/** A hash of the benchmark's comment key (stack.ts gives every benchmark folder the same secrets). */
const secretsMark = (): string =>
  createHash('sha256').update(loadOrCreateLocalSecrets(BENCH_DATA_ROOT).commentSigningKey).digest('hex')

/** Whether `.next` is current as scripts/start.ts judges it: same sources, same settings. */
export function isNextBuildCurrent(): boolean {
  return isBuildCurrent(REPO_ROOT, NEXT_BUILD, benchBuildStamp())
}

/** Whether `.next` was built from the current sources, for the benchmark's settings and secrets. */
export function isBenchBuildCurrent(): boolean {
  return (
    isNextBuildCurrent() && existsSync(SECRETS_MARK) && readFileSync(SECRETS_MARK, 'utf8') === secretsMark()
  )
}

/** Command lines of `next build` processes on this machine, ours or a colleague's. */
export function listOtherBuilds(): string[] {
  const found: string[] = []
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue
    let commandLine: string
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
    } catch {
      continue // the process ended while we looked
    }
    if (/\bnext(\.js)?\s+build\b/.test(commandLine)) found.push(`${pid} ${commandLine}`)
  }
  return found
}

/** Two builds at once on two shared cores slow both down and, in one checkout, overwrite each other's `.next`. */
async function waitForOtherBuilds(log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + OTHER_BUILD_WAIT_MS
  let others = listOtherBuilds()
  if (others.length > 0) log(`waiting for another next build to finish: ${others.join('; ')}`)
  while (others.length > 0) {
    if (Date.now() > deadline) throw new Error(`another next build is still running: ${others.join('; ')}`)
    await new Promise((resolve) => setTimeout(resolve, OTHER_BUILD_POLL_MS))
    others = listOtherBuilds()
  }
}

/** Runs `next build` with `appEnv` (whose lake must be up: static pages are rendered from it); returns its wall time in ms. */
export async function runNextBuild(
  appEnv: Record<string, string>,
  log: (line: string) => void,
): Promise<number> {
  await waitForOtherBuilds(log)
  const started = performance.now()
  const child = startChild({
    name: 'build',
    command: process.execPath,
    args: [NEXT_BIN, 'build'],
    env: appEnv,
    cwd: REPO_ROOT,
  })
  const build = track({ name: 'next build', stop: () => stopChild(child) })
  const status = await child.exited
  const elapsed = performance.now() - started
  await build.stop()
  if (status !== 0) throw new Error(`next build failed (exit ${status})`)
  recordBuild(REPO_ROOT, NEXT_BUILD, benchBuildStamp())
  writeFileSync(SECRETS_MARK, secretsMark())
  return elapsed
}
