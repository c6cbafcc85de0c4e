import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { StartLakeOptions } from '../../../sanity/lake/server.ts'
import { startTestLake, type TestLake } from '../../support/lake.ts'
import { openSse } from '../../support/lake-sse.ts'

type HistoryLine = { id: string; effects: Record<string, { apply: unknown[]; revert: unknown[] }> }

let cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

async function startWithRetention(dataDir: string): Promise<TestLake> {
  const options: Partial<StartLakeOptions> = {
    dataDir,
    compactEvery: 2,
    listenerDelayMs: 0,
    historyRetention: { maxTransactionsPerDocument: 3 },
  }
  const t = await startTestLake(options)
  cleanups.push(() => t.stop())
  return t
}

async function aDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lake-retention-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  return dataDir
}

const TITLES = ['One', 'Two', 'Three', 'Four', 'Five', 'Six']

async function writeSixRevisions(t: TestLake): Promise<void> {
  await t.editor.create({ _id: 'kept', _type: 'post', title: TITLES[0] }, { transactionId: 'tx-1' })
  for (const [index, title] of TITLES.entries()) {
    if (index === 0) continue
    await t.editor
      .patch('kept')
      .set({ title })
      .commit({ transactionId: `tx-${index + 1}` })
  }
}

describe('history retention over HTTP', () => {
  it('serves the kept revisions across a restart and answers a dropped one as hosted Sanity does', async () => {
    const dataDir = await aDataDir()
    const first = await startWithRetention(dataDir)
    await writeSixRevisions(first)
    await first.stop()
    cleanups.pop()
    const t = await startWithRetention(dataDir)

    const response = await fetch(
      `${t.lake.url}/v2025-02-19/data/history/production/transactions/kept?effectFormat=mendoza&limit=50`,
      { headers: { authorization: `Bearer ${t.lake.tokens.editor}` } },
    )
    const lines = (await response.text())
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as HistoryLine)
    expect(lines.map((line) => line.id)).toEqual(['tx-4', 'tx-5', 'tx-6'])
    // The oldest kept transaction still reverts to the true previous value, not to "created".
    expect(lines[0]?.effects.kept?.revert).toEqual([0, expect.objectContaining({ title: 'Three' })])

    const kept = await t.editor.request<{ documents: { title: string }[] }>({
      url: '/data/history/production/documents/kept?revision=tx-5',
    })
    expect(kept.documents.map((doc) => doc.title)).toEqual(['Five'])
    // Hosted Sanity answers a revision its retention dropped with no documents; the Studio reads that
    // as "probably due to history retention" rather than as an error.
    const dropped = await t.editor.request<{ documents: unknown[] }>({
      url: '/data/history/production/documents/kept?revision=tx-2',
    })
    expect(dropped.documents).toEqual([])
    expect(await t.editor.getDocument('kept')).toMatchObject({ title: 'Six' })
  })

  it('replays every missed transaction to a resuming listener, beyond the per-document limit', async () => {
    const t = await startWithRetention(await aDataDir())
    const url = `${t.lake.url}/v2025-02-19/data/listen/production?${new URLSearchParams({
      query: '*[_id == "kept"]',
      enableResume: 'true',
      effectFormat: 'mendoza',
    })}`
    const headers = { authorization: `Bearer ${t.lake.tokens.editor}` }
    const first = await openSse(url, headers)
    cleanups.push(() => first.close())
    await first.next(1)
    await t.editor.create({ _id: 'kept', _type: 'post', title: TITLES[0] }, { transactionId: 'tx-1' })
    const [created] = await first.next(1)
    first.close()
    for (const title of TITLES.slice(1)) await t.editor.patch('kept').set({ title }).commit()

    const resumed = await openSse(url, { ...headers, 'last-event-id': created?.id ?? '' })
    cleanups.push(() => resumed.close())
    const [welcomeback, ...missed] = await resumed.next(1 + TITLES.length - 1)
    expect(welcomeback?.event).toBe('welcomeback')
    expect(missed.map((event) => (event.data as { result?: { title: string } }).result?.title)).toEqual(
      TITLES.slice(1),
    )
  })
})
