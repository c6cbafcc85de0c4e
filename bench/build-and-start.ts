// 7. Build and start: `next build` with the demo content and with 1,000 generated posts on the lake, then the
// time from `node scripts/start.ts` (fresh data folder, build already current) to the first page served.
// The demo build runs last, so `.next` is left built for the demo content the other benchmarks expect.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import { startChild, stopChild } from '../scripts/lib/child.ts'
import type { Benchmark, BenchmarkContext } from './support/benchmark.ts'
import { isNextBuildCurrent, runNextBuild } from './support/build.ts'
import { createLakeClient } from './support/lake-client.ts'
import { track } from './support/running.ts'
import {
  BENCH_DATA_ROOT,
  BENCH_HOST,
  BENCH_INBOX_PORT,
  BENCH_LAKE_PORT,
  BENCH_SITE_PORT,
  BENCH_SITE_URL,
  BENCH_SMTP_PORT,
  REPO_ROOT,
  SEED_POST_ID,
  SEED_POST_PATH,
} from './support/settings.ts'
import { startContentServices, type ContentServices } from './support/stack.ts'
import { summarize } from './support/stats.ts'

const POSTS_PER_TRANSACTION = 100
const FIRST_PAGE_POLL_MS = 50
const FIRST_PAGE_TIMEOUT_MS = 120_000
const DAY_MS = 86_400_000

// Set by the lake on write; a new document must not carry the seed's.
const SYSTEM_FIELDS = new Set(['_rev', '_createdAt', '_updatedAt'])
const storedPostSchema = z.looseObject({ _id: z.string(), publishedAt: z.string() })

/** Adds `count` posts cloned from the seed post (its cover image, author, categories and body). */
async function addGeneratedPosts(services: ContentServices, count: number): Promise<void> {
  const client = createLakeClient(services.lake.url, services.lake.tokens.editor)
  const seed = storedPostSchema.parse(await client.getDocument(SEED_POST_ID))
  const template = Object.fromEntries(Object.entries(seed).filter(([key]) => !SYSTEM_FIELDS.has(key)))
  const newest = Date.parse(seed.publishedAt)
  for (let start = 1; start <= count; start += POSTS_PER_TRANSACTION) {
    const tx = client.transaction()
    for (let n = start; n < Math.min(count + 1, start + POSTS_PER_TRANSACTION); n++) {
      tx.createOrReplace({
        ...template,
        _id: `post-generated-${n}`,
        _type: 'post',
        title: `Generated post ${n}`,
        slug: { _type: 'slug', current: `generated-post-${n}` },
        // One a day back from the seed post, so every listing and feed page has posts to paginate.
        publishedAt: new Date(newest - n * DAY_MS).toISOString(),
        relatedPosts: [],
      })
    }
    await tx.commit({ returnDocuments: false })
  }
}

/**
 * Cold: `.next` (with Turbopack's persistent cache in `.next/cache`) removed first, as on a fresh clone or in
 * CI; a rebuild with that cache kept is several times faster and is not what this figure says.
 */
async function timeBuild(context: BenchmarkContext, generatedPosts: number): Promise<number> {
  rmSync(join(REPO_ROOT, '.next'), { recursive: true, force: true })
  const services = await startContentServices(join(BENCH_DATA_ROOT, 'build'))
  try {
    if (generatedPosts > 0) await addGeneratedPosts(services, generatedPosts)
    context.log(`next build, cold, demo content${generatedPosts > 0 ? ` + ${generatedPosts} posts` : ''}`)
    return await runNextBuild(services.appEnv, context.log)
  } finally {
    await services.stop()
  }
}

async function waitForPage(url: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) })
      await response.arrayBuffer()
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await sleep(FIRST_PAGE_POLL_MS)
  }
  throw new Error(`${url} was not served within ${FIRST_PAGE_TIMEOUT_MS / 1000} s`)
}

type StartTimes = { homeMs: number; articleMs: number }

/** `node scripts/start.ts --fresh` as a user runs it; the clock stops at the first 200 of `/`. */
async function timeStart(): Promise<StartTimes> {
  const started = performance.now()
  const child = startChild({
    name: 'npm start',
    command: process.execPath,
    args: [join(REPO_ROOT, 'scripts/start.ts'), '--fresh'],
    cwd: REPO_ROOT,
    env: {
      HOST: BENCH_HOST,
      PORT: String(BENCH_SITE_PORT),
      BLOG_DATA_DIR: join(BENCH_DATA_ROOT, 'start'),
      LAKE_PORT: String(BENCH_LAKE_PORT),
      MAIL_SMTP_PORT: String(BENCH_SMTP_PORT),
      MAIL_INBOX_PORT: String(BENCH_INBOX_PORT),
      // Set, not inherited: start.ts hashes SITE_URL into the build stamp, which must match the bench build.
      SITE_URL: BENCH_SITE_URL,
    },
  })
  // start.ts stops its own children on SIGTERM; give it time before the group is killed.
  const running = track({ name: 'scripts/start.ts', stop: () => stopChild(child, 20_000) })
  try {
    const deadline = started + FIRST_PAGE_TIMEOUT_MS
    await waitForPage(`${BENCH_SITE_URL}/`, deadline)
    const homeMs = performance.now() - started
    await waitForPage(`${BENCH_SITE_URL}${SEED_POST_PATH}`, deadline)
    return { homeMs, articleMs: performance.now() - started }
  } finally {
    await running.stop()
  }
}

export const buildAndStart: Benchmark = {
  id: 'build-and-start',
  title: 'Build and start',
  needsBuild: false,
  async run(context) {
    const { profile } = context
    const generated: number[] = []
    const demo: number[] = []
    // The demo build goes last: it leaves `.next` built for the demo content the other benchmarks expect.
    for (let run = 1; run <= profile.buildRepetitions; run++) {
      generated.push(await timeBuild(context, profile.generatedPosts))
      demo.push(await timeBuild(context, 0))
    }
    const group = 'next build (lake running: static pages are rendered from it)'
    const seconds = (values: number[]) => summarize(values.map((ms) => ms / 1000))
    context.record.figure({
      group,
      label: 'demo content (16 documents), cold',
      unit: 's',
      summary: seconds(demo),
      note: '.next removed first',
    })
    context.record.figure({
      group,
      label: `demo content + ${profile.generatedPosts.toLocaleString('en')} generated posts, cold`,
      unit: 's',
      summary: seconds(generated),
      note: '.next removed first',
    })

    // start.ts --fresh makes new secrets, which its stamp does not cover: sources and settings must match.
    if (!isNextBuildCurrent())
      throw new Error('the build is not current after building: start.ts would rebuild')
    // Unmeasured: start.ts may build other things it needs once (the Studio it serves, in newer versions).
    context.log('node scripts/start.ts --fresh, warm-up run (not measured)')
    const warmUp = await timeStart()
    context.record.note(
      `An unmeasured warm-up start took ${(warmUp.homeMs / 1000).toFixed(1)} s to the first page before the measured ones.`,
    )
    const starts: StartTimes[] = []
    for (let run = 1; run <= profile.repetitions; run++) {
      context.log(`node scripts/start.ts --fresh, run ${run}/${profile.repetitions}`)
      starts.push(await timeStart())
    }
    const startGroup = 'node scripts/start.ts --fresh (empty data folder, build current)'
    context.record.figure({
      group: startGroup,
      label: 'to the first page served (/ answers 200)',
      unit: 's',
      summary: summarize(starts.map((start) => start.homeMs / 1000)),
      note: 'lake start, demo import, mail catcher, next start',
    })
    context.record.figure({
      group: startGroup,
      label: 'to the article answering 200',
      unit: 's',
      summary: summarize(starts.map((start) => start.articleMs / 1000)),
      note: 'the first request for the article',
    })
  },
}
