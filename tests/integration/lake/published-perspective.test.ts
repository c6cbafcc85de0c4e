import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

describe('the published perspective', () => {
  let lake: TestLake
  beforeAll(async () => {
    lake = await startTestLake({ storage: 'memory' })
    await lake.editor
      .transaction()
      .create({ _id: 'note-1', _type: 'note', title: 'published' })
      .create({ _id: 'drafts.note-1', _type: 'note', title: 'draft' })
      .create({ _id: 'private.note-2', _type: 'note', title: 'private path' })
      .commit({ visibility: 'sync' })
  })
  afterAll(() => lake.stop())

  const titles = (client: TestLake['viewer']) =>
    client.fetch<string[]>('*[_type == "note"] | order(title asc).title', {}, { perspective: 'published' })

  it('leaves out drafts but keeps other dotted ids for a reader with a token, as Sanity does', async () => {
    expect(await titles(lake.viewer)).toEqual(['private path', 'published'])
    expect(await lake.viewer.fetch('*[_id == $id][0].title', { id: 'private.note-2' })).toBe('private path')
  })

  it('shows an anonymous reader neither drafts nor dotted ids', async () => {
    expect(await titles(lake.anonymous)).toEqual(['published'])
  })
})
