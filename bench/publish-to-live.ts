// 2. Publish → live: an editor's change on the lake (the seed post's title, patched through @sanity/client
// with the editor token) until the article page serves it. The path in between: the lake's signed webhook,
// /api/revalidate, revalidateTag, and the next render.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import type { Benchmark } from './support/benchmark.ts'
import { createLakeClient } from './support/lake-client.ts'
import { BENCH_DATA_ROOT, BENCH_SITE_URL, SEED_POST_ID, SEED_POST_PATH } from './support/settings.ts'
import { withStack } from './support/stack.ts'
import { summarize } from './support/stats.ts'

const POLL_INTERVAL_MS = 20
const GIVE_UP_MS = 15_000
const GOAL_MS = 1_000
// Lets the previous change's webhook and render settle, so samples do not overlap.
const PAUSE_BETWEEN_SAMPLES_MS = 250

type Sample = { acknowledgedMs: number; liveMs: number | null }

async function pageShows(url: string, text: string): Promise<boolean> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
  return (await response.text()).includes(text)
}

/** Polls every 20 ms (one request at a time) until the page shows `text`; the ms since `since`, or `null`. */
async function waitUntilShown(url: string, text: string, since: number): Promise<number | null> {
  while (performance.now() - since < GIVE_UP_MS) {
    const pollStarted = performance.now()
    if (await pageShows(url, text)) return performance.now() - since
    await sleep(Math.max(0, POLL_INTERVAL_MS - (performance.now() - pollStarted)))
  }
  return null
}

export const publishToLive: Benchmark = {
  id: 'publish-to-live',
  title: 'Publish → live',
  needsBuild: true,
  async run(context) {
    const samples = await withStack(join(BENCH_DATA_ROOT, 'publish'), async (services) => {
      const client = createLakeClient(services.lake.url, services.lake.tokens.editor)
      const url = `${BENCH_SITE_URL}${SEED_POST_PATH}`
      const original = z.string().parse(await client.fetch('*[_id == $id][0].title', { id: SEED_POST_ID }))
      if (!(await pageShows(url, original)))
        throw new Error('the article does not show its title before any change')
      // One unmeasured change first: the first revalidation after start pays for loading its route code.
      const warmUpTitle = `Leg cramps warm-up ${randomUUID().slice(0, 8)}`
      const warmUpStarted = performance.now()
      await client.patch(SEED_POST_ID).set({ title: warmUpTitle }).commit({ returnDocuments: false })
      const warmUpMs = await waitUntilShown(url, warmUpTitle, warmUpStarted)
      context.record.note(
        `An unmeasured first change went live after ${warmUpMs === null ? 'never' : `${Math.round(warmUpMs)} ms`}.`,
      )
      const collected: Sample[] = []
      for (let index = 1; index <= context.profile.publishSamples; index++) {
        // Letters and digits only, so the title appears in the HTML exactly as written.
        const title = `Leg cramps benchmark ${index} ${randomUUID().slice(0, 8)}`
        const started = performance.now()
        await client.patch(SEED_POST_ID).set({ title }).commit({ returnDocuments: false })
        const acknowledgedMs = performance.now() - started
        const liveMs = await waitUntilShown(url, title, started)
        collected.push({ acknowledgedMs, liveMs })
        context.log(`sample ${index}: live after ${liveMs === null ? 'never' : `${Math.round(liveMs)} ms`}`)
        await sleep(PAUSE_BETWEEN_SAMPLES_MS)
      }
      await client.patch(SEED_POST_ID).set({ title: original }).commit({ returnDocuments: false })
      return collected
    })

    const live = samples.flatMap((sample) => (sample.liveMs === null ? [] : [sample.liveMs]))
    const liveSummary = summarize(live)
    const group = `${samples.length} title changes, page polled every ${POLL_INTERVAL_MS} ms`
    context.record.figure({
      group,
      label: 'mutation → article serves the new title',
      unit: 'ms',
      summary: liveSummary,
      goal: {
        text: `median < ${GOAL_MS} ms`,
        met: liveSummary === null ? null : liveSummary.median < GOAL_MS,
      },
    })
    context.record.figure({
      group,
      label: 'mutation acknowledged by the lake',
      unit: 'ms',
      summary: summarize(samples.map((sample) => sample.acknowledgedMs)),
    })
    const missed = samples.length - live.length
    if (missed > 0)
      context.record.warn(
        `${missed} of ${samples.length} title changes never appeared within ${GIVE_UP_MS / 1000} s`,
      )
  },
}
