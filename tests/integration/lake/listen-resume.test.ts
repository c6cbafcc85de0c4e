import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'
import { openSse, type SseStream } from '../../support/lake-sse.ts'

let cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  cleanups = []
})

function listenUrl(t: TestLake, query: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ query, enableResume: 'true', effectFormat: 'mendoza', ...extra })
  return `${t.lake.url}/v2025-02-19/data/listen/production?${params}`
}

async function open(t: TestLake, url: string, lastEventId?: string): Promise<SseStream> {
  const headers: Record<string, string> = { authorization: `Bearer ${t.lake.tokens.editor}` }
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId
  const stream = await openSse(url, headers)
  cleanups.push(() => stream.close())
  return stream
}

describe('listener resume', () => {
  it('replays missed events after welcomeback, with ids that survive a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lake-resume-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    let t = await startTestLake({ dataDir })
    const query = '*[_type == "note"]'
    const first = await open(t, listenUrl(t, query))
    expect((await first.next(1))[0]?.event).toBe('welcome')
    await t.editor.create({ _id: 'n1', _type: 'note' })
    const [seen] = await first.next(1)
    expect(seen?.event).toBe('mutation')
    first.close()
    const seenId = seen?.id ?? ''
    expect(seenId).toMatch(/^\d+$/)

    await t.editor.create({ _id: 'n2', _type: 'note' })
    await t.editor.create({ _id: 'other', _type: 'page' })
    await t.editor.create({ _id: 'n3', _type: 'note' })
    const resumed = await open(t, listenUrl(t, query), seenId)
    const [welcomeback, n2, n3] = await resumed.next(3)
    expect(welcomeback?.event).toBe('welcomeback')
    expect([n2?.data, n3?.data]).toMatchObject([{ documentId: 'n2' }, { documentId: 'n3' }])
    expect(Number(n3?.id)).toBeGreaterThan(Number(n2?.id))
    resumed.close()

    await t.stop()
    t = await startTestLake({ dataDir })
    cleanups.push(() => t.stop())
    const afterRestart = await open(t, listenUrl(t, query), n3?.id)
    expect((await afterRestart.next(1))[0]?.event).toBe('welcomeback')
    await t.editor.create({ _id: 'n4', _type: 'note' })
    const [n4] = await afterRestart.next(1)
    expect(n4?.data).toMatchObject({ documentId: 'n4', identity: expect.stringMatching(/^tok-/) })
    expect(Number(n4?.id)).toBe(Number(n3?.id) + 1)
  })

  it('answers reset to an event id the lake cannot replay', async () => {
    const t = await startTestLake({ storage: 'memory' })
    cleanups.push(() => t.stop())
    const stream = await open(t, listenUrl(t, '*'), '987654321')
    expect((await stream.next(1))[0]?.event).toBe('reset')
  })

  it('leaves out release versions unless includeAllVersions is true', async () => {
    const t = await startTestLake({ storage: 'memory' })
    cleanups.push(() => t.stop())
    const plain = await open(t, listenUrl(t, '*[_type == "v"]'))
    const all = await open(t, listenUrl(t, '*[_type == "v"]', { includeAllVersions: 'true' }))
    await plain.next(1)
    await all.next(1)
    await t.editor.create({ _id: 'versions.r1.v1', _type: 'v' })
    await t.editor.create({ _id: 'v1', _type: 'v' })
    expect((await all.next(2)).map((event) => (event.data as { documentId: string }).documentId)).toEqual([
      'versions.r1.v1',
      'v1',
    ])
    expect((await plain.next(1)).map((event) => (event.data as { documentId: string }).documentId)).toEqual([
      'v1',
    ])
  })
})
