// Measures the local content lake: article-query latency at 1k and 10k documents, single-document
// mutations per second, and resident memory per 10k documents. Prints JSON; asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createClient, type SanityClient } from '@sanity/client'
import { startLake } from '../sanity/lake/server.ts'

const ARTICLE_QUERY = '*[_type == "post" && slug.current == $slug][0]{..., author->}'
const QUERY_RUNS = 400
const MUTATIONS = 2000
const MUTATION_CONCURRENCY = 32

function percentile(sorted: number[], p: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(3))
}

async function seed(client: SanityClient, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 500) {
    const tx = client.transaction()
    for (let i = start; i < Math.min(to, start + 500); i++) {
      if (i % 20 === 0) tx.createOrReplace({ _id: `author-${i}`, _type: 'author', name: `Author ${i}` })
      else
        tx.createOrReplace({
          _id: `post-${i}`,
          _type: 'post',
          title: `Post ${i}`,
          slug: { _type: 'slug', current: `post-${i}` },
          body: [
            {
              _type: 'block',
              _key: 'a',
              children: [{ _type: 'span', _key: 'b', text: 'Lorem ipsum '.repeat(20) }],
            },
          ],
          author: { _type: 'reference', _ref: `author-${i - (i % 20)}` },
        })
    }
    await tx.commit({ returnDocuments: false, visibility: 'async' })
  }
}

async function measureQueries(client: SanityClient, docs: number): Promise<{ p50: number; p99: number }> {
  const timings: number[] = []
  for (let run = 0; run < QUERY_RUNS; run++) {
    let i = Math.floor(Math.random() * docs)
    if (i % 20 === 0) i++
    const started = performance.now()
    await client.fetch(ARTICLE_QUERY, { slug: `post-${i}` })
    timings.push(performance.now() - started)
  }
  timings.sort((a, b) => a - b)
  return { p50: percentile(timings, 0.5), p99: percentile(timings, 0.99) }
}

async function measureMutations(client: SanityClient): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: MUTATION_CONCURRENCY }, async () => {
      while (next < MUTATIONS) {
        const n = next++
        await client.create({ _id: `bench-${n}`, _type: 'benchDoc', n }, { returnDocuments: false })
      }
    }),
  )
  return Math.round(MUTATIONS / ((performance.now() - started) / 1000))
}

const dataDir = await mkdtemp(join(tmpdir(), 'lake-bench-'))
const lake = await startLake({ dataDir, port: 0 })
const client = createClient({
  projectId: lake.projectId,
  dataset: lake.dataset,
  apiHost: lake.url,
  useProjectHostname: false,
  apiVersion: '2025-02-19',
  useCdn: false,
  token: lake.tokens.editor,
})
try {
  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  await seed(client, 0, 1000)
  const at1k = await measureQueries(client, 1000)
  await seed(client, 1000, 10_000)
  global.gc?.()
  const rssAfter = process.memoryUsage().rss
  const at10k = await measureQueries(client, 10_000)
  const mutationsPerSecond = await measureMutations(client)
  console.log(
    JSON.stringify(
      {
        node: process.version,
        query: ARTICLE_QUERY,
        articleQueryMs: { docs1k: at1k, docs10k: at10k },
        singleDocumentMutationsPerSecond: {
          value: mutationsPerSecond,
          concurrency: MUTATION_CONCURRENCY,
          durable: 'fsync (disk store)',
        },
        rssMbPer10kDocs: Number(((rssAfter - rssBefore) / 1024 / 1024).toFixed(1)),
      },
      null,
      2,
    ),
  )
} finally {
  await lake.close()
  await rm(dataDir, { recursive: true, force: true })
}
