// The benchmarks run in a private copy of the working tree, not in the checkout itself. In the checkout, `.next`
// is shared: a colleague's `npm start` with other settings rebuilds it while a benchmark serves from it (we saw
// ChunkLoadError mid-run), and a benchmark build would break their running server the same way. The copy also
// holds the sources still while people edit them, so every benchmark of one run measures the same code.
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/**
 * Outside the checkout on purpose: Next looks upwards for lockfiles to find the project root, and a copy
 * inside the checkout would find the checkout's. Same filesystem as /work in this workplace, so node_modules
 * can be hard-linked instead of copied.
 */
export const SNAPSHOT_DIR = join(tmpdir(), 'lakeside-bench-tree')

// Kept between runs: the build and the Studio build stay valid while their inputs' hashes match.
const KEPT_BETWEEN_RUNS = new Set(['.next', 'dist', 'node_modules'])

export class SnapshotError extends Error {
  override name = 'SnapshotError'
}

/** Tracked and untracked-but-not-ignored files: what `git status` would call the working tree. */
function listWorkingTreeFiles(sourceRoot: string): string[] {
  const result = spawnSync(
    'git',
    ['-C', sourceRoot, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  if (result.status !== 0) throw new SnapshotError(`git ls-files failed: ${result.stderr.trim()}`)
  return [...new Set(result.stdout.split('\0').filter((path) => path !== ''))]
}

function linkNodeModules(sourceRoot: string, target: string): void {
  rmSync(target, { recursive: true, force: true })
  const source = join(sourceRoot, 'node_modules')
  // Hard links: 1.2 GB of packages in about two seconds and no extra disk; a plain copy if links cannot cross.
  const linked = spawnSync('cp', ['-al', source, target], { encoding: 'utf8' })
  if (linked.status === 0) return
  rmSync(target, { recursive: true, force: true })
  const copied = spawnSync('cp', ['-a', source, target], { encoding: 'utf8' })
  if (copied.status !== 0) throw new SnapshotError(`could not copy node_modules: ${copied.stderr.trim()}`)
}

/** Makes SNAPSHOT_DIR a copy of the working tree at `sourceRoot`; returns how many files it copied. */
export function syncSnapshot(sourceRoot: string): number {
  mkdirSync(SNAPSHOT_DIR, { recursive: true })
  for (const entry of readdirSync(SNAPSHOT_DIR)) {
    if (!KEPT_BETWEEN_RUNS.has(entry)) rmSync(join(SNAPSHOT_DIR, entry), { recursive: true, force: true })
  }
  let copied = 0
  for (const path of listWorkingTreeFiles(sourceRoot)) {
    const source = join(sourceRoot, path)
    // A tracked file deleted in the working tree is still listed by ls-files.
    if (!existsSync(source) || !statSync(source).isFile()) continue
    const target = join(SNAPSHOT_DIR, path)
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(source, target)
    copied++
  }
  linkNodeModules(sourceRoot, join(SNAPSHOT_DIR, 'node_modules'))
  return copied
}

/**
 * Copies the working tree into the snapshot and runs the same benchmark command there, passing signals on;
 * resolves with its exit code. The snapshot run writes its results back into `sourceRoot`.
 */
export async function rerunInSnapshot(sourceRoot: string, argv: string[]): Promise<number> {
  const started = Date.now()
  const files = syncSnapshot(sourceRoot)
  process.stdout.write(
    `[bench] copied the working tree (${files} files) to ${SNAPSHOT_DIR} in ${Date.now() - started} ms\n`,
  )
  const child = spawn(process.execPath, [join(SNAPSHOT_DIR, 'bench/run.ts'), ...argv], {
    cwd: SNAPSHOT_DIR,
    stdio: 'inherit',
    env: { ...process.env, BENCH_SOURCE_ROOT: sourceRoot },
  })
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward)
  const [code, signal] = await once(child, 'exit')
  return typeof code === 'number' ? code : signal === null ? 1 : 128
}
