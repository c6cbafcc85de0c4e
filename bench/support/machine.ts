// The machine and the versions a result was measured with: figures from different machines do not compare.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, freemem, loadavg, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { CHROMIUM_PATH } from './chromium.ts'
import { findNginx } from './nginx.ts'
import { REPO_ROOT, SOURCE_ROOT } from './settings.ts'

export type MachineInfo = {
  cpuModel: string
  cores: number
  memoryGiB: number
  freeMemoryGiB: number
  kernel: string
  loadAverageAtStart: [number, number, number]
}

export type Versions = Record<
  'node' | 'next' | 'react' | 'chromium' | 'autocannon' | 'lighthouse' | 'nginx',
  string
>

export type SourceInfo = { commit: string; uncommittedChanges: boolean }

const GiB = 1024 ** 3
const round1 = (value: number): number => Math.round(value * 10) / 10

export function describeMachine(): MachineInfo {
  const [one = 0, five = 0, fifteen = 0] = loadavg()
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: round1(totalmem() / GiB),
    freeMemoryGiB: round1(freemem() / GiB),
    kernel: release(),
    loadAverageAtStart: [round1(one), round1(five), round1(fifteen)],
  }
}

const packageVersionSchema = z.object({ version: z.string() })

function installedVersion(name: string): string {
  try {
    const manifest: unknown = JSON.parse(
      readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8'),
    )
    return packageVersionSchema.parse(manifest).version
  } catch {
    return 'not installed'
  }
}

/** stdout and stderr together (nginx -v writes to stderr), or `null` when the command cannot run. */
function commandOutput(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 })
  if (result.error !== undefined || result.status !== 0) return null
  return `${result.stdout}${result.stderr}`.trim()
}

function nginxVersion(): string {
  const binary = findNginx()
  if (binary === null) return 'not installed'
  return commandOutput(binary, ['-v'])?.replace(/^nginx version:\s*/, '') ?? 'unknown'
}

export function describeVersions(): Versions {
  return {
    node: process.version,
    next: installedVersion('next'),
    react: installedVersion('react'),
    // Debian's wrapper script prints a shell warning on some machines; keep the version line only.
    chromium:
      commandOutput(CHROMIUM_PATH, ['--version'])
        ?.split('\n')
        .find((line) => /chromium/i.test(line))
        ?.trim() ?? 'not installed',
    autocannon: installedVersion('autocannon'),
    lighthouse: installedVersion('lighthouse'),
    nginx: nginxVersion(),
  }
}

export function describeSource(): SourceInfo {
  const commit = commandOutput('git', ['-C', SOURCE_ROOT, 'rev-parse', '--short', 'HEAD']) ?? 'unknown'
  const status =
    commandOutput('git', ['-C', SOURCE_ROOT, 'status', '--porcelain', '--untracked-files=no']) ?? ''
  return { commit, uncommittedChanges: status !== '' }
}
