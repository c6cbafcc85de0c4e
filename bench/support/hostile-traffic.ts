// The hostile side of bench/flood.ts: comment posts from many addresses (some to a post that does not exist, some
// far over the body limit), expensive anonymous GROQ queries straight to the lake, and image transforms asking for
// the largest size the lake allows, each one a new variant. Every stream is bounded: a fixed rate or a fixed number
// at once, a deadline, and a client timeout on each request, so a flood ends even when the server stops answering.
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import { COMMENT_FIELD } from '../../lib/comments/form-fields.ts'
import { readSubmitAnswer, type CommentFormFields } from './comment-form.ts'

export const HOSTILE_KINDS = [
  'comment',
  'comment to a missing post',
  'oversize comment',
  'expensive query',
  'oversize transform',
] as const
export type HostileKind = (typeof HOSTILE_KINDS)[number]

/**
 * How many requests of one kind went out, what came back (`HTTP 413`, `200 rate-limited`, `timed out` …) and how
 * long each took to come back, given up ones included.
 */
export type HostileTally = { sent: number; answers: Map<string, number>; answerMs: number[] }
export type HostileReport = Record<HostileKind, HostileTally>

/** The three parts of the mix; a flood runs all of them, or one alone to see what it does by itself. */
export const HOSTILE_STREAMS = ['comments', 'queries', 'transforms'] as const
export type HostileStream = (typeof HOSTILE_STREAMS)[number]

export type HostileTargets = {
  siteUrl: string
  /** The article's no-JS comment form, as a visitor's browser has it. */
  form: CommentFormFields
  /** The lake's query endpoint for the dataset, e.g. `http://127.0.0.1:4745/v2025-02-19/data/query/production`. */
  queryUrl: string
  /** An image asset's URL on the lake, without a query. */
  imageUrl: string
}

export type FloodPlan = {
  seconds: number
  streams: readonly HostileStream[]
  commentsPerSecond: number
  /** Every this-many-th comment goes to a post that does not exist, and the one after it is oversize. */
  oddCommentEvery: number
  oversizeCommentBytes: number
  queriesAtOnce: number
  transformsPerSecond: number
  /** No more than this many posts or transforms wait for an answer at once; a slot beyond it is skipped. */
  maxInFlight: number
  requestTimeoutMs: number
}

// Nested `*[]` over every document: a few dozen documents multiply into about a million projected objects.
export const EXPENSIVE_QUERY = 'count(*[0...20]{"a": *[]{"b": *[]{"c": *[]{"d": *[]}}}})'
// Skipped slots are counted under this answer, so the report says when the mix was not sent as planned.
const SKIPPED = 'not sent: too many waiting'

const lakeErrorSchema = z.object({ error: z.object({ type: z.string() }) })

function createReport(): HostileReport {
  const empty = (): HostileTally => ({ sent: 0, answers: new Map(), answerMs: [] })
  return {
    comment: empty(),
    'comment to a missing post': empty(),
    'oversize comment': empty(),
    'expensive query': empty(),
    'oversize transform': empty(),
  }
}

function count(tally: HostileTally, answer: string): void {
  tally.answers.set(answer, (tally.answers.get(answer) ?? 0) + 1)
}

/** Sends one request through `send` and counts its answer and how long it took. */
async function sendCounted(tally: HostileTally, send: () => Promise<string>): Promise<void> {
  tally.sent++
  const started = performance.now()
  const answer = await send()
  tally.answerMs.push(performance.now() - started)
  count(tally, answer)
}

/** 198.18.0.0/15 is set aside for benchmarks (RFC 2544); the n-th sender's address, only ever a header value. */
export function buildBenchAddress(n: number): string {
  const index = (n % 131_070) + 1
  return `198.${18 + (index >> 16)}.${(index >> 8) & 255}.${index & 255}`
}

function describeFailure(error: unknown): string {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    ? 'timed out'
    : 'connection error'
}

/** Sends `send(n)` at `perSecond` until `deadline`, with at most `maxInFlight` unanswered; resolves when all settle. */
async function sendAtRate(
  perSecond: number,
  deadline: number,
  maxInFlight: number,
  onSkip: (n: number) => void,
  send: (n: number) => Promise<void>,
): Promise<void> {
  const started = performance.now()
  const pending = new Set<Promise<void>>()
  for (let n = 0; ; n++) {
    const at = started + (n * 1000) / perSecond
    if (at >= deadline) break
    const wait = at - performance.now()
    if (wait > 0) await sleep(wait)
    if (pending.size >= maxInFlight) {
      onSkip(n)
      continue
    }
    const request = send(n).finally(() => pending.delete(request))
    pending.add(request)
  }
  await Promise.all(pending)
}

type CommentShape = 'comment' | 'comment to a missing post' | 'oversize comment'

function shapeOf(n: number, every: number): CommentShape {
  if (n % every === 1) return 'comment to a missing post'
  if (n % every === 2) return 'oversize comment'
  return 'comment'
}

/** `n` numbers the sender across every flood of a run: a new address and a new text each time. */
function buildCommentBody(
  form: CommentFormFields,
  shape: CommentShape,
  n: number,
  oversize: string,
): FormData {
  const body = new FormData()
  for (const [name, value] of form.hidden)
    body.append(
      name,
      shape === 'comment to a missing post' && name === COMMENT_FIELD.postId ? `post-flood-${n}` : value,
    )
  body.append(
    COMMENT_FIELD.body,
    shape === 'oversize comment' ? oversize : `Flood comment ${n}: great read, thank you.`,
  )
  body.append(COMMENT_FIELD.name, `Flood ${n}`)
  body.append(COMMENT_FIELD.email, `flood-${n}@bench.example`)
  body.append(COMMENT_FIELD.website, '')
  body.append(COMMENT_FIELD.honeypot, '')
  return body
}

async function postComment(
  targets: HostileTargets,
  plan: FloodPlan,
  shape: CommentShape,
  n: number,
  oversize: string,
): Promise<string> {
  try {
    const response = await fetch(`${targets.siteUrl}${targets.form.actionPath}`, {
      method: 'POST',
      body: buildCommentBody(targets.form, shape, n, oversize),
      // A browser sends Origin on a form POST; Next's server actions compare it with the host.
      headers: { 'x-forwarded-for': buildBenchAddress(n), origin: targets.siteUrl },
      redirect: 'manual',
      signal: AbortSignal.timeout(plan.requestTimeoutMs),
    })
    const html = await response.text()
    if (response.status !== 200) return `HTTP ${response.status}`
    const answer = readSubmitAnswer(html)
    return answer.kind === 'other' ? `200 "${answer.message}"` : `200 ${answer.kind}`
  } catch (error) {
    return describeFailure(error)
  }
}

async function fetchStatus(url: string, plan: FloodPlan): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(plan.requestTimeoutMs) })
    const text = await response.text()
    if (response.ok) return `HTTP ${response.status}`
    // The lake names its refusal (a budget's `queryTimeoutError`, a busy transformer …) in Sanity's error body.
    let type: string | null = null
    try {
      const parsed = lakeErrorSchema.safeParse(JSON.parse(text))
      type = parsed.success ? parsed.data.error.type : null
    } catch {
      type = null // not JSON: the status says enough
    }
    return `HTTP ${response.status}${type === null ? '' : ` ${type}`}`
  } catch (error) {
    return describeFailure(error)
  }
}

async function floodComments(
  targets: HostileTargets,
  plan: FloodPlan,
  report: HostileReport,
  deadline: number,
  firstSender: number,
) {
  const oversize = 'x'.repeat(plan.oversizeCommentBytes)
  await sendAtRate(
    plan.commentsPerSecond,
    deadline,
    plan.maxInFlight,
    (n) => count(report[shapeOf(n, plan.oddCommentEvery)], SKIPPED),
    async (n) => {
      const shape = shapeOf(n, plan.oddCommentEvery)
      await sendCounted(report[shape], () => postComment(targets, plan, shape, firstSender + n, oversize))
    },
  )
}

async function floodQueries(
  targets: HostileTargets,
  plan: FloodPlan,
  report: HostileReport,
  deadline: number,
) {
  const tally = report['expensive query']
  const url = `${targets.queryUrl}?query=${encodeURIComponent(EXPENSIVE_QUERY)}`
  await Promise.all(
    Array.from({ length: plan.queriesAtOnce }, async () => {
      while (performance.now() < deadline) await sendCounted(tally, () => fetchStatus(url, plan))
    }),
  )
}

async function floodTransforms(
  targets: HostileTargets,
  plan: FloodPlan,
  report: HostileReport,
  deadline: number,
) {
  const tally = report['oversize transform']
  await sendAtRate(
    plan.transformsPerSecond,
    deadline,
    plan.maxInFlight,
    () => count(tally, SKIPPED),
    async (n) => {
      // A new size each time, so the lake cannot answer from a stored variant; every other one as AVIF, its
      // slowest encoder.
      const side = 8192 - n
      const format = n % 2 === 1 ? '&fm=avif' : ''
      const url = `${targets.imageUrl}?w=${side}&h=${side}&fit=scale${format}`
      await sendCounted(tally, () => fetchStatus(url, plan))
    },
  )
}

/**
 * Runs the plan's streams for `plan.seconds`; resolves once every request it sent has settled. Comment senders
 * are numbered from `firstSender`, so floods of one run do not repeat each other's addresses or texts.
 */
export async function runHostileTraffic(
  targets: HostileTargets,
  plan: FloodPlan,
  firstSender: number,
): Promise<HostileReport> {
  const report = createReport()
  const deadline = performance.now() + plan.seconds * 1000
  const streams: Record<HostileStream, () => Promise<void>> = {
    comments: () => floodComments(targets, plan, report, deadline, firstSender),
    queries: () => floodQueries(targets, plan, report, deadline),
    transforms: () => floodTransforms(targets, plan, report, deadline),
  }
  await Promise.all(plan.streams.map((stream) => streams[stream]()))
  return report
}
