// Writes bench/results/latest.json (everything, for tools) and latest.md (the same, for people).
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MachineInfo, SourceInfo, Versions } from './machine.ts'
import type { BenchmarkResult, Figure } from './results.ts'
import type { BenchProfile } from './settings.ts'

export type BenchReport = {
  startedAt: string
  finishedAt: string
  durationS: number
  profile: BenchProfile
  selected: string[]
  machine: MachineInfo
  versions: Versions
  source: SourceInfo
  benchmarks: BenchmarkResult[]
  /** Anything that could not be stopped at the end: should always be empty. */
  leftRunning: string[]
}

/** Fewer decimals as numbers grow: 0.123, 12.3, 123. */
export function formatNumber(value: number): string {
  const size = Math.abs(value)
  const digits = size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

function figureRow(figure: Figure): string {
  const s = figure.summary
  const [min, median, max, n] =
    s === null ? ['–', '–', '–', '0'] : [s.min, s.median, s.max, s.n].map((value) => formatNumber(value))
  const goal =
    figure.goal === undefined
      ? ''
      : `${figure.goal.text} ${figure.goal.met === null ? '(?)' : figure.goal.met ? '✅' : '❌'}`
  return `| ${cell(figure.label)} | ${figure.unit} | ${min} | **${median}** | ${max} | ${n} | ${cell(goal)} | ${cell(figure.note ?? '')} |`
}

function renderBenchmark(result: BenchmarkResult): string[] {
  const status =
    result.status === 'ok'
      ? ''
      : ` — **${result.status.toUpperCase()}**${result.reason === undefined ? '' : `: ${result.reason}`}`
  const lines = [
    `## ${result.title} (\`${result.id}\`, ${formatNumber(result.durationMs / 1000)} s)${status}`,
    '',
  ]
  for (const warning of result.warnings) lines.push(`> ⚠️ **${warning}**`, '')
  const groups = [...new Set(result.figures.map((figure) => figure.group))]
  for (const group of groups) {
    lines.push(`### ${group}`, '')
    lines.push(
      '| figure | unit | min | median | max | n | goal | note |',
      '|---|---|--:|--:|--:|--:|---|---|',
    )
    lines.push(...result.figures.filter((figure) => figure.group === group).map(figureRow), '')
  }
  if (result.notes.length > 0) lines.push(...result.notes.map((note) => `- ${note}`), '')
  for (const section of result.sections) lines.push(`### ${section.heading}`, '', ...section.lines, '')
  return lines
}

function renderGoals(report: BenchReport): string[] {
  const goals = report.benchmarks.flatMap((result) =>
    result.figures.flatMap((figure) =>
      figure.goal === undefined ? [] : [{ result, figure, goal: figure.goal }],
    ),
  )
  const problems = report.benchmarks.filter((result) => result.status !== 'ok' || result.warnings.length > 0)
  const lines = ['## At a glance', '']
  for (const { result, figure, goal } of goals) {
    const verdict = goal.met === null ? 'not measured' : goal.met ? 'met' : '**missed**'
    const median = figure.summary === null ? '–' : `${formatNumber(figure.summary.median)} ${figure.unit}`
    lines.push(`- ${result.id} · ${figure.label}: median ${median}, goal ${goal.text}: ${verdict}`)
  }
  for (const result of problems) {
    if (result.status !== 'ok') lines.push(`- **${result.id}: ${result.status}** — ${result.reason ?? ''}`)
    for (const warning of result.warnings) lines.push(`- **${result.id}: ${warning}**`)
  }
  if (report.leftRunning.length > 0) lines.push(`- **Could not stop: ${report.leftRunning.join('; ')}**`)
  if (lines.length === 2) lines.push('- No goals in the benchmarks that ran, and nothing failed.')
  return [...lines, '']
}

export function renderMarkdown(report: BenchReport): string {
  const { machine, versions, source } = report
  return [
    `# Benchmarks, ${report.startedAt}`,
    '',
    `Profile **${report.profile.name}** (${report.profile.repetitions} repetition(s) per load/build figure, ` +
      `${report.profile.loadSeconds} s load runs); ran ${report.selected.join(', ')} in ${formatNumber(report.durationS)} s. ` +
      'Everything ran on 127.0.0.1 on this one machine: the load generator, the browser and the servers share its cores. ' +
      'Each figure is min / **median** / max over n runs.',
    '',
    '| machine | |',
    '|---|---|',
    `| CPU | ${machine.cpuModel} |`,
    `| cores | ${machine.cores} |`,
    `| memory | ${machine.memoryGiB} GiB (${machine.freeMemoryGiB} GiB free at start) |`,
    `| kernel | ${machine.kernel} |`,
    `| load average at start | ${machine.loadAverageAtStart.join(' / ')} |`,
    `| source | ${source.commit}${source.uncommittedChanges ? ' with uncommitted changes' : ''} |`,
    '',
    '| versions | |',
    '|---|---|',
    ...Object.entries(versions).map(([name, version]) => `| ${name} | ${cell(version)} |`),
    '',
    ...renderGoals(report),
    ...report.benchmarks.flatMap(renderBenchmark),
  ].join('\n')
}

export async function writeReport(
  report: BenchReport,
  dir: string,
): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true })
  const json = join(dir, 'latest.json')
  const markdown = join(dir, 'latest.md')
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`)
  await writeFile(markdown, `${renderMarkdown(report)}\n`)
  return { json, markdown }
}
