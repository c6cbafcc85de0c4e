import type { MutationEvent } from '@sanity/client'
import { filter, firstValueFrom, take, timeout, toArray } from 'rxjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake
beforeAll(async () => {
  t = await startTestLake({ storage: 'memory' })
})
afterAll(async () => {
  await t.stop()
})

function errorOf(promise: Promise<unknown>): Promise<{ statusCode?: number; details?: unknown }> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (error: unknown) => error as { statusCode?: number; details?: unknown },
  )
}

describe('POST /data/actions', () => {
  it('creates, edits and publishes a draft, stamping the request transaction id as every _rev', async () => {
    const created = await t.editor.action(
      {
        actionType: 'sanity.action.document.create',
        publishedId: 'act-1',
        attributes: { _id: 'drafts.act-1', _type: 'post', title: 'Draft' },
        ifExists: 'fail',
      },
      { transactionId: 'tx-create-1' },
    )
    expect(created.transactionId).toBe('tx-create-1')
    expect(await t.editor.getDocument('drafts.act-1')).toMatchObject({ title: 'Draft', _rev: 'tx-create-1' })

    await t.editor.action(
      {
        actionType: 'sanity.action.document.edit',
        draftId: 'drafts.act-1',
        publishedId: 'act-1',
        patch: {
          set: { title: 'Edited' },
          setIfMissing: { tags: [] },
          insert: { after: 'tags[-1]', items: ['a'] },
        },
      },
      { transactionId: 'tx-edit-1' },
    )
    expect(await t.editor.getDocument('drafts.act-1')).toMatchObject({
      title: 'Edited',
      tags: ['a'],
      _rev: 'tx-edit-1',
    })

    await t.editor.action(
      {
        actionType: 'sanity.action.document.publish',
        draftId: 'drafts.act-1',
        publishedId: 'act-1',
        ifDraftRevisionId: 'tx-edit-1',
      },
      { transactionId: 'tx-publish-1' },
    )
    expect(await t.editor.getDocument('drafts.act-1')).toBeUndefined()
    expect(await t.editor.getDocument('act-1')).toMatchObject({
      _id: 'act-1',
      title: 'Edited',
      _rev: 'tx-publish-1',
    })
  })

  it('starts the draft from the published document when an edit finds none', async () => {
    await t.editor.create({ _id: 'act-2', _type: 'post', title: 'Live', body: 'x' })
    await t.editor.action({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.act-2',
      publishedId: 'act-2',
      patch: { diffMatchPatch: { title: '@@ -1,4 +1,5 @@\n Live\n+!\n' } },
    })
    expect(await t.editor.getDocument('drafts.act-2')).toMatchObject({
      title: 'Live!',
      body: 'x',
      _type: 'post',
    })
    expect(await t.editor.getDocument('act-2')).toMatchObject({ title: 'Live' })
  })

  it('answers 409 and changes nothing when the published revision does not match', async () => {
    await t.editor.create({ _id: 'act-3', _type: 'post', title: 'One' })
    await t.editor.create({ _id: 'drafts.act-3', _type: 'post', title: 'Two' })
    const error = await errorOf(
      t.editor.action({
        actionType: 'sanity.action.document.publish',
        draftId: 'drafts.act-3',
        publishedId: 'act-3',
        ifPublishedRevisionId: 'not-the-rev',
      }),
    )
    expect(error.statusCode).toBe(409)
    expect(await t.editor.getDocument('act-3')).toMatchObject({ title: 'One' })
    expect(await t.editor.getDocument('drafts.act-3')).toMatchObject({ title: 'Two' })
  })

  it('applies all actions of a request or none of them', async () => {
    const error = await errorOf(
      t.editor.action([
        {
          actionType: 'sanity.action.document.create',
          publishedId: 'act-4',
          attributes: { _id: 'drafts.act-4', _type: 'post' },
          ifExists: 'fail',
        },
        { actionType: 'sanity.action.document.discard', draftId: 'drafts.missing-4' },
      ]),
    )
    expect(error.statusCode).toBe(404)
    expect(await t.editor.getDocument('drafts.act-4')).toBeUndefined()
  })

  it('fails a create of an existing document unless ifExists is ignore', async () => {
    await t.editor.create({ _id: 'drafts.act-5', _type: 'post', title: 'Kept' })
    const attributes = { _id: 'drafts.act-5', _type: 'post', title: 'New' }
    const error = await errorOf(
      t.editor.action({
        actionType: 'sanity.action.document.create',
        publishedId: 'act-5',
        attributes,
        ifExists: 'fail',
      }),
    )
    expect(error.statusCode).toBe(409)
    await t.editor.action({
      actionType: 'sanity.action.document.create',
      publishedId: 'act-5',
      attributes,
      ifExists: 'ignore',
    })
    expect(await t.editor.getDocument('drafts.act-5')).toMatchObject({ title: 'Kept' })
  })

  it('unpublishes into a draft, discards drafts and deletes published documents with their drafts', async () => {
    await t.editor.create({ _id: 'act-6', _type: 'post', title: 'Published' })
    await t.editor.action({
      actionType: 'sanity.action.document.unpublish',
      draftId: 'drafts.act-6',
      publishedId: 'act-6',
    })
    expect(await t.editor.getDocument('act-6')).toBeUndefined()
    expect(await t.editor.getDocument('drafts.act-6')).toMatchObject({ title: 'Published' })

    await t.editor.action({ actionType: 'sanity.action.document.discard', draftId: 'drafts.act-6' })
    expect(await t.editor.getDocument('drafts.act-6')).toBeUndefined()

    await t.editor.create({ _id: 'act-7', _type: 'post' })
    await t.editor.create({ _id: 'drafts.act-7', _type: 'post' })
    await t.editor.action({
      actionType: 'sanity.action.document.delete',
      publishedId: 'act-7',
      includeDrafts: ['drafts.act-7'],
    })
    expect(await t.editor.getDocument('act-7')).toBeUndefined()
    expect(await t.editor.getDocument('drafts.act-7')).toBeUndefined()
  })

  it('replaces a draft and creates, replaces and discards release versions', async () => {
    await t.editor.create({ _id: 'act-8', _type: 'post', title: 'Base' })
    await t.editor.action({
      actionType: 'sanity.action.document.replaceDraft',
      publishedId: 'act-8',
      attributes: { _id: 'drafts.act-8', _type: 'post', title: 'Restored' },
    })
    expect(await t.editor.getDocument('drafts.act-8')).toMatchObject({ title: 'Restored' })

    await t.editor.action({
      actionType: 'sanity.action.document.version.create',
      publishedId: 'act-8',
      baseId: 'act-8',
      versionId: 'versions.r1.act-8',
    })
    expect(await t.editor.getDocument('versions.r1.act-8')).toMatchObject({ title: 'Base' })
    await t.editor.action({
      actionType: 'sanity.action.document.version.replace',
      document: { _id: 'versions.r1.act-8', _type: 'post', title: 'In release' },
    })
    expect(await t.editor.getDocument('versions.r1.act-8')).toMatchObject({ title: 'In release' })
    await t.editor.action({
      actionType: 'sanity.action.document.version.discard',
      versionId: 'versions.r1.act-8',
    })
    expect(await t.editor.getDocument('versions.r1.act-8')).toBeUndefined()
  })

  it('checks but does not commit a dry run', async () => {
    const result = await t.editor.action(
      {
        actionType: 'sanity.action.document.create',
        publishedId: 'act-9',
        attributes: { _id: 'drafts.act-9', _type: 'post' },
        ifExists: 'fail',
      },
      { dryRun: true },
    )
    expect(result.transactionId).toEqual(expect.any(String))
    expect(await t.editor.getDocument('drafts.act-9')).toBeUndefined()
  })

  it('refuses actions from a viewer token', async () => {
    const error = await errorOf(
      t.viewer.action({ actionType: 'sanity.action.document.discard', draftId: 'drafts.act-1' }),
    )
    expect(error.statusCode).toBe(403)
  })

  it('sends one listener event per document of a publish, with transaction totals', async () => {
    await t.editor.create({ _id: 'drafts.act-10', _type: 'post', title: 'Soon' })
    let welcomed: () => void = () => {}
    const ready = new Promise<void>((resolve) => (welcomed = resolve))
    // Both events of the publish, however long the lake holds them back (LISTENER_DELAY_MS).
    const received = firstValueFrom(
      t.editor
        .listen(
          '*[_id in $ids]',
          { ids: ['act-10', 'drafts.act-10'] },
          { effectFormat: 'mendoza', includeResult: false, events: ['welcome', 'mutation'] },
        )
        .pipe(
          filter((event): event is MutationEvent => {
            if (event.type === 'welcome') welcomed()
            return event.type === 'mutation'
          }),
          take(2),
          toArray(),
          timeout(5_000),
        ),
    )
    await ready
    await t.editor.action({
      actionType: 'sanity.action.document.publish',
      draftId: 'drafts.act-10',
      publishedId: 'act-10',
    })
    const events = await received
    expect(events.map((event) => event.documentId).sort()).toEqual(['act-10', 'drafts.act-10'])
    expect(events.every((event) => event.transactionTotalEvents === 2)).toBe(true)
  })
})
