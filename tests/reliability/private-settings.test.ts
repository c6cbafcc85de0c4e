// Private settings stay private (issue #14): the demo dataset's settings on the embedded lake, read as an anonymous
// client can read them and as the site's comment store reads them with its token.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createSanityCommentStore } from '@/lib/comments/store'
import { MODERATION_SETTINGS_ID } from '@/lib/content/limits'
import { startTestLake, TEST_API_VERSION, type TestLake } from '../support/lake.ts'

const DEMO_DATA = resolve(import.meta.dirname, '../../sanity/demo/data.ndjson')
const documentSchema = z.looseObject({ _id: z.string(), _type: z.string() })
const demoSettings = readFileSync(DEMO_DATA, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => documentSchema.parse(JSON.parse(line)))
  .filter((document) => ['siteSettings', 'moderationSettings'].includes(document._type))
// What an anonymous reader must never learn from the demo dataset.
const PRIVATE = ['moderator@lakeside.test', 'casino', 'crypto', 'loan', 'viagra']

let lake: TestLake
let editor: SanityClient
const clientFor = (perspective: 'raw' | 'published', token?: string): SanityClient =>
  createClient({
    projectId: lake.lake.projectId,
    dataset: lake.lake.dataset,
    apiHost: lake.lake.url,
    useProjectHostname: false,
    apiVersion: TEST_API_VERSION,
    useCdn: false,
    perspective,
    ...(token === undefined ? {} : { token }),
  })

beforeAll(async () => {
  lake = await startTestLake({ storage: 'memory', tlsPort: null })
  editor = clientFor('raw', lake.lake.tokens.editor)
  const transaction = editor.transaction()
  for (const document of demoSettings) transaction.createOrReplace(document)
  await transaction.commit({ visibility: 'sync' })
})

afterAll(async () => {
  await lake?.stop()
})

describe('the demo dataset’s settings', () => {
  it('show an anonymous client the site title but no moderator address or word list', async () => {
    const queries = [
      '*[_type == "siteSettings"]',
      '*[_type == "moderationSettings"]',
      '*[_id == $id]',
      '*[_id in path("**")]',
      '*',
    ]
    const seen: string[] = []
    for (const perspective of ['raw', 'published'] as const)
      for (const query of queries)
        seen.push(JSON.stringify(await clientFor(perspective).fetch(query, { id: MODERATION_SETTINGS_ID })))
    expect(seen.some((answer) => answer.includes('Lakeside Health'))).toBe(true)
    expect(PRIVATE.filter((secret) => seen.some((answer) => answer.includes(secret)))).toEqual([])
    expect(await clientFor('raw').getDocument(MODERATION_SETTINGS_ID)).toBeUndefined()
  })

  it('give the comment store, which reads with a token, the moderators and the policy', async () => {
    const settings = await createSanityCommentStore(editor, randomUUID).getSiteSettings()
    expect(settings).toMatchObject({
      siteTitle: 'Lakeside Health',
      moderatorEmails: ['moderator@lakeside.test'],
      policy: { moderationWords: ['casino', 'crypto', 'loan'], disallowedWords: ['viagra'] },
    })
  })
})

describe('a dataset from before the private settings', () => {
  it('keeps its moderators and policy from siteSettings until the private document exists, then uses only that', async () => {
    const legacyLake = await startTestLake({ storage: 'memory', tlsPort: null })
    try {
      const writer = legacyLake.editor.withConfig({ perspective: 'raw' })
      await writer.createOrReplace({
        _id: 'siteSettings',
        _type: 'siteSettings',
        title: 'Old site',
        moderatorEmails: ['old-moderator@example.com'],
        commentPolicy: { _type: 'commentPolicy', disallowedWords: ['oldword'] },
      })
      const store = createSanityCommentStore(writer, randomUUID)
      expect(await store.getSiteSettings()).toMatchObject({
        moderatorEmails: ['old-moderator@example.com'],
        policy: { disallowedWords: ['oldword'] },
      })
      await writer.createOrReplace({
        _id: MODERATION_SETTINGS_ID,
        _type: 'moderationSettings',
        moderatorEmails: [],
      })
      expect(await store.getSiteSettings()).toMatchObject({
        siteTitle: 'Old site',
        moderatorEmails: [],
        policy: { disallowedWords: [] },
      })
    } finally {
      await legacyLake.stop()
    }
  })
})
