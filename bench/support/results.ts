// What a benchmark hands back: figures (each a min/median/max summary), notes, loud warnings and free-form
// report sections. The orchestrator turns them into bench/results/latest.{md,json}.
import type { Summary } from './stats.ts'

export type Goal = { text: string; met: boolean | null }

export type Figure = {
  /** The table a figure belongs to inside its benchmark, e.g. `article · 10 connections`. */
  group: string
  /** What was measured, e.g. `next start · gzip · requests/s`. */
  label: string
  unit: string
  summary: Summary | null
  goal?: Goal
  /** Why there is no summary (`nginx not installed`) or what the figure means. */
  note?: string
}

export type Section = { heading: string; lines: string[] }

export type BenchmarkStatus = 'ok' | 'failed' | 'unavailable'

export type BenchmarkResult = {
  id: string
  title: string
  status: BenchmarkStatus
  /** Set when the status is not `ok`. */
  reason?: string
  durationMs: number
  figures: Figure[]
  notes: string[]
  warnings: string[]
  sections: Section[]
}

/** Collects a benchmark's findings as they come, so a failure halfway still reports what was measured. */
export class Recorder {
  readonly figures: Figure[] = []
  readonly notes: string[] = []
  readonly warnings: string[] = []
  readonly sections: Section[] = []
  unavailableReason: string | null = null

  figure(figure: Figure): void {
    this.figures.push(figure)
  }

  note(text: string): void {
    this.notes.push(text)
  }

  /** A finding that must not be missed (a mismatch, a goal far off); also printed at once, on stderr. */
  warn(text: string): void {
    this.warnings.push(text)
    process.stderr.write(`\n!!! ${text}\n\n`)
  }

  section(section: Section): void {
    this.sections.push(section)
  }

  /** The whole benchmark could not run here (a tool is missing); not a failure of the code measured. */
  markUnavailable(reason: string): void {
    this.unavailableReason = reason
  }
}
