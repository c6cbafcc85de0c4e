import type { MutationEvent, WelcomeEvent } from '@sanity/client'
import { firstValueFrom, filter, take, toArray, type Observable } from 'rxjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake

beforeAll(async () => {
  t = await startTestLake({ heartbeatMs: 200 })
})
afterAll(() => t.stop())

function listenUntilWelcome(
  events$: Observable<MutationEvent | WelcomeEvent>,
  count: number,
): { welcomed: Promise<void>; events: Promise<MutationEvent[]> } {
  let markWelcomed: () => void = () => {}
  const welcomed = new Promise<void>((resolve) => (markWelcomed = resolve))
  const events = firstValueFrom(
    events$.pipe(
      filter((event): event is MutationEvent => {
        if (event.type === 'welcome') markWelcomed()
        return event.type === 'mutation'
      }),
      take(count),
      toArray(),
    ),
  )
  return { welcomed, events }
}

describe('GET /data/listen', () => {
  it('sends a mutation event with result and mendoza effects after a matching write', async () => {
    const { welcomed, events } = listenUntilWelcome(
      t.editor.listen(
        '*[_type == "post" && slug == $slug]',
        { slug: 'x' },
        { events: ['welcome', 'mutation'], effectFormat: 'mendoza', includePreviousRevision: true },
      ),
      2,
    )
    await welcomed
    await t.editor.create({ _id: 'ignored', _type: 'other', slug: 'x' })
    const created = await t.editor.create({ _id: 'listened', _type: 'post', slug: 'x', title: 'A' })
    await t.editor.patch('listened').set({ title: 'B' }).commit()
    const [appear, update] = await events
    expect(appear).toMatchObject({
      type: 'mutation',
      documentId: 'listened',
      transition: 'appear',
      resultRev: created._rev,
      transactionId: created._rev,
      result: { title: 'A' },
      transactionTotalEvents: 1,
      transactionCurrentEvent: 0,
      visibility: 'query',
    })
    expect(appear?.effects).toEqual({
      apply: [0, expect.objectContaining({ title: 'A' })],
      revert: [0, null],
    })
    expect(update).toMatchObject({
      transition: 'update',
      previousRev: created._rev,
      result: { title: 'B' },
      previous: { title: 'A' },
    })
    expect(update?.mutations).toEqual([
      { createOrReplace: expect.objectContaining({ _id: 'listened', title: 'B' }) },
    ])
  })

  it('sends a disappear event, chained by revision like any other, when a document leaves the filter', async () => {
    const created = await t.editor.create({ _id: 'leaving', _type: 'post', slug: 'y' })
    const { welcomed, events } = listenUntilWelcome(
      t.editor.listen('*[slug == "y"]', {}, { events: ['welcome', 'mutation'] }),
      1,
    )
    await welcomed
    const deleted = await t.editor.delete('leaving')
    const [event] = await events
    // The Studio orders events by previousRev → resultRev and drops one without a resultRev.
    expect(event).toMatchObject({
      transition: 'disappear',
      documentId: 'leaving',
      previousRev: created._rev,
      resultRev: deleted.transactionId,
      transactionId: deleted.transactionId,
    })
    expect(event?.result).toBeUndefined()
  })

  it('sends a transaction to listeners only after the request that made it has its answer', async () => {
    // The Studio expects its own echo after the answer (LISTENER_DELAY_MS in sanity/lake/server.ts).
    const { welcomed, events } = listenUntilWelcome(
      t.editor.listen('*[_id == "echo-order"]', {}, { events: ['welcome', 'mutation'] }),
      1,
    )
    await welcomed
    let eventAt = 0
    const arrived = events.then((received) => {
      eventAt = performance.now()
      return received
    })
    const sentAt = performance.now()
    const created = await t.editor.create({ _id: 'echo-order', _type: 'post' })
    const answeredAt = performance.now()
    const [event] = await arrived
    expect(event?.transactionId).toBe(created._rev)
    expect(eventAt).toBeGreaterThan(answeredAt)
    expect(eventAt - sentAt).toBeGreaterThanOrEqual(140)
  })

  it('never tells an anonymous listener about drafts', async () => {
    const { welcomed, events } = listenUntilWelcome(
      t.anonymous.listen('*[_type == "secret"]', {}, { events: ['welcome', 'mutation'] }),
      1,
    )
    await welcomed
    await t.editor.create({ _id: 'drafts.secret-1', _type: 'secret' })
    await t.editor.create({ _id: 'public-1', _type: 'secret' })
    const [event] = await events
    expect(event?.documentId).toBe('public-1')
  })

  it('ends the stream with a ChannelError on an invalid query', async () => {
    const error = await firstValueFrom(t.editor.listen('*[', {})).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ChannelError' })
  })

  it('keeps the stream alive with ping comments', async () => {
    const response = await fetch(`${t.lake.url}/v2025-02-19/data/listen/production?query=*`, {
      headers: { authorization: `Bearer ${t.lake.tokens.editor}` },
    })
    const reader = response.body?.getReader()
    let text = ''
    const decoder = new TextDecoder()
    while (reader && !text.includes(': ping')) {
      const chunk = await reader.read()
      if (chunk.done) break
      text += decoder.decode(chunk.value)
    }
    await reader?.cancel()
    expect(text).toContain('event: welcome')
    expect(text).toContain(': ping')
  })
})
