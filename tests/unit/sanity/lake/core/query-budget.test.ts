import { describe, expect, it, vi } from 'vitest'
import type { LakeDocument } from '../../../../../sanity/lake/core/document.ts'
import { runQuery, type QueryRequest } from '../../../../../sanity/lake/core/query.ts'
import {
  createQueryBudget,
  DEFAULT_QUERY_LIMITS,
  BACKGROUND_AFTER_MS,
  BACKGROUND_PAUSE_MS,
  createEventLoopPacer,
  type QueryBudget,
  type QueryLimits,
  type QueryPacer,
} from '../../../../../sanity/lake/core/query-budget.ts'
import type { CommittedTransaction } from '../../../../../sanity/lake/core/transaction.ts'
import { createMemoryStore } from '../../../../../sanity/lake/storage/memory-store.ts'

const ISSUE_QUERY = 'count(*[0...20]{"a": *[]{"b": *[]{"c": *[]{"d": *[]}}}})'
const UNLIMITED: QueryLimits = { timeoutMs: Number.MAX_SAFE_INTEGER, maxWork: Number.MAX_SAFE_INTEGER }

function aPost(i: number, fields: Record<string, unknown> = {}): LakeDocument {
  return {
    _id: `post-${i}`,
    _type: 'post',
    _rev: 'r',
    _createdAt: '2026-01-01T00:00:00Z',
    _updatedAt: '2026-01-01T00:00:00Z',
    title: `Post ${i}`,
    n: i,
    ...fields,
  }
}

async function aReader(docs: LakeDocument[]) {
  const store = createMemoryStore()
  const tx: CommittedTransaction = {
    id: 't',
    dataset: 'ds',
    timestamp: '',
    results: [],
    changes: docs.map((doc) => ({ id: doc._id, before: null, after: doc })),
  }
  await store.commit(tx)
  return store.reader('ds')
}

const listPosts = (count: number): LakeDocument[] => Array.from({ length: count }, (_, i) => aPost(i))

const base: Omit<QueryRequest, 'query'> = {
  params: {},
  perspective: 'raw',
  access: 'editor',
  now: new Date(0),
  identity: 'me',
  sanity: { projectId: 'p', dataset: 'ds' },
}

/** A clock that moves `stepMs` each time it is read, and counts the turns the query gave away. */
function aSteppingPacer(stepMs: number): QueryPacer & { turns: number } {
  let now = 0
  const pacer = {
    turns: 0,
    now: () => (now += stepMs),
    yieldToOthers: async () => {
      pacer.turns++
    },
  }
  return pacer
}

describe('runQuery with a budget', () => {
  it('answers as it does without one', async () => {
    const docs = [
      ...listPosts(30).map((doc, i) => ({ ...doc, author: { _type: 'reference', _ref: `author-${i % 3}` } })),
      ...[0, 1, 2].map((i) => ({ ...aPost(i), _id: `author-${i}`, _type: 'author', name: `A${i}` })),
    ]
    const reader = await aReader(docs)
    const queries = [
      '*[_type == "post" && n > 20] | order(n desc) {_id, "author": author->name}',
      '*[n % 7 == 0]._id',
      'count(*[_type == "post"])',
      '*[_type == "author"]{name, "posts": *[_type == "post" && references(^._id)] | order(n asc) [0...2] {n}}',
      '*[0...3]{_id, "next": *[n == ^.n + 1][0]._id, "all": count(*)}',
      '*[_type == "post"] | order(count(*[n < ^.n]) desc) [0]._id',
      '*[_type == "post"][n > 25]{"tags": [n, n * 2][@ > 50]}',
      '*[_type == "post" && title match "Post 1*"] | score(n > 15) {_id, _score}',
      'select(count(*) > 10 => "many", "few")',
      '*[_type == "post"]{"a": author->{name, "same": *[_type == "post" && author._ref == ^._id]._id}}[0]',
      '*[_id == "missing"][0]',
    ]
    for (const query of queries) {
      const unbudgeted = await runQuery(reader, { ...base, query })
      const budgeted = await runQuery(reader, {
        ...base,
        query,
        budget: createQueryBudget(UNLIMITED, aSteppingPacer(1)),
      })
      expect(unbudgeted).toMatchObject({ ok: true })
      expect(budgeted, query).toEqual(unbudgeted)
    }
  })

  it('stops the query from issue #14 once it has done its work budget', async () => {
    const reader = await aReader(listPosts(50))
    const outcome = await runQuery(reader, {
      ...base,
      query: ISSUE_QUERY,
      budget: createQueryBudget({ ...UNLIMITED, maxWork: 10_000 }, aSteppingPacer(0)),
    })
    expect(outcome).toMatchObject({ ok: false, reason: 'over-budget', overrun: { limit: 'work' } })
  })

  it('stops it once its time is up, counting the time it waited for its turn', async () => {
    const reader = await aReader(listPosts(50))
    const pacer = aSteppingPacer(1)
    const outcome = await runQuery(reader, {
      ...base,
      query: ISSUE_QUERY,
      budget: createQueryBudget({ ...UNLIMITED, timeoutMs: 1_000 }, pacer),
    })
    expect(outcome).toMatchObject({ ok: false, reason: 'over-budget', overrun: { limit: 'time' } })
    expect(pacer.turns).toBeGreaterThan(0)
  })

  it('stops a query that reaches the same documents through -> instead of *', async () => {
    const docs = listPosts(40).map((doc) => ({
      ...doc,
      links: listPosts(40).map((target) => ({ _type: 'reference', _ref: target._id, _key: target._id })),
    }))
    const reader = await aReader(docs)
    const outcome = await runQuery(reader, {
      ...base,
      query: '*[_id == "post-0"]{"a": links[]->{"b": links[]->{"c": links[]->{"d": links[]->}}}}',
      budget: createQueryBudget({ ...UNLIMITED, maxWork: 50_000 }, aSteppingPacer(0)),
    })
    expect(outcome).toMatchObject({ ok: false, reason: 'over-budget', overrun: { limit: 'work' } })
  })

  it('gives its turn away while it runs long and still answers within its limits', async () => {
    const reader = await aReader(listPosts(200))
    const pacer = aSteppingPacer(1)
    const outcome = await runQuery(reader, {
      ...base,
      query: 'count(*[n < 100]{"later": count(*[n > ^.n])})',
      budget: createQueryBudget(UNLIMITED, pacer),
    })
    expect(outcome).toEqual({ ok: true, result: 100 })
    expect(pacer.turns).toBeGreaterThan(100)
  })

  it('answers as soon as the budget runs out and leaves the rest of the evaluation halted', async () => {
    const reader = await aReader(listPosts(3_000))
    const budget = createQueryBudget({ ...UNLIMITED, maxWork: 50_000 }, aSteppingPacer(0))
    let spentAfterOverrun = 0
    const counted: QueryBudget = {
      spend(units) {
        if (budget.overrun()) spentAfterOverrun++
        return budget.spend(units)
      },
      overrun: () => budget.overrun(),
      exceeded: budget.exceeded,
    }
    const outcome = await runQuery(reader, {
      ...base,
      query: 'count(*[_type == "post"]{"a": *[_type == "post"]{"b": *[_type == "post"]._id}})',
      budget: counted,
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(outcome).toMatchObject({ ok: false, reason: 'over-budget', overrun: { limit: 'work' } })
    // Each branch in flight reaches one more check, not the rest of its 3,000 documents.
    expect(spentAfterOverrun).toBeLessThan(100)
  })

  it('stops the issue query on a few thousand documents with the default limits', async () => {
    const reader = await aReader(listPosts(3_000))
    const outcome = await runQuery(reader, {
      ...base,
      access: 'anonymous',
      query: ISSUE_QUERY,
      budget: createQueryBudget(DEFAULT_QUERY_LIMITS, createEventLoopPacer()),
    })
    expect(outcome).toMatchObject({ ok: false, reason: 'over-budget' })
  })
})

describe('createQueryBudget', () => {
  it('says stop for good once a limit is passed', () => {
    const budget = createQueryBudget({ ...UNLIMITED, maxWork: 3 }, aSteppingPacer(0))
    expect([budget.spend(2), budget.spend(1), budget.overrun()]).toEqual([false, false, null])
    expect(budget.spend(1)).toBe(true)
    expect(budget.spend(0)).toBe(true)
    expect(budget.overrun()).toEqual({ limit: 'work', limits: { ...UNLIMITED, maxWork: 3 } })
  })

  it('makes every check wait for the same turn once the slice is used', async () => {
    const pacer = aSteppingPacer(10)
    const budget = createQueryBudget(UNLIMITED, pacer)
    const first = budget.spend(1)
    const second = budget.spend(1)
    expect(first).toBeInstanceOf(Promise)
    expect(second).toBe(first)
    expect(await first).toBe(false)
    expect(pacer.turns).toBe(1)
  })
})

describe('createEventLoopPacer: background queries', () => {
  it('resumes a full-share query on the next turn and background ones one per pause, in order', async () => {
    vi.useFakeTimers()
    try {
      const pacer = createEventLoopPacer()
      const resumed: string[] = []
      const full = pacer.yieldToOthers('full').then(() => resumed.push('full'))
      const first = pacer.yieldToOthers('background').then(() => resumed.push('bg-1'))
      const second = pacer.yieldToOthers('background').then(() => resumed.push('bg-2'))
      await vi.advanceTimersByTimeAsync(1)
      expect(resumed).toEqual(['full'])
      await vi.advanceTimersByTimeAsync(BACKGROUND_PAUSE_MS)
      expect(resumed).toEqual(['full', 'bg-1'])
      await vi.advanceTimersByTimeAsync(BACKGROUND_PAUSE_MS)
      expect(resumed).toEqual(['full', 'bg-1', 'bg-2'])
      await Promise.all([full, first, second])
    } finally {
      vi.useRealTimers()
    }
  })

  it('moves a query to the background once it has run past BACKGROUND_AFTER_MS', async () => {
    const shares: string[] = []
    let now = 0
    const pacer = {
      now: () => (now += 3),
      yieldToOthers: async (share: string) => void shares.push(share),
    }
    const budget = createQueryBudget({ timeoutMs: 60_000, maxWork: 1e9 }, pacer)
    while (now < BACKGROUND_AFTER_MS + 50) await budget.spend(1)
    expect(shares[0]).toBe('full')
    expect(shares.at(-1)).toBe('background')
  })
})
