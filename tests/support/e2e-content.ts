import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import { z } from 'zod'
import { readTokenFile } from '../../sanity/lake/storage/token-file.ts'
import { E2E_DATA_DIR, E2E_LAKE_URL } from './e2e-settings.ts'

export const SEED_POST_ID = 'post-understanding-leg-cramps'
export const SEED_POST_PATH = '/posts/understanding-leg-cramps-causes-and-solutions'

/** A client for the end-to-end run's lake with the editor token `npm start` generated, as the Studio would use it. */
export async function createEditorClient(): Promise<SanityClient> {
  const records = await readTokenFile(join(E2E_DATA_DIR, 'lake', 'tokens.json'))
  const token = records?.find((record) => record.role === 'editor')?.token
  if (token === undefined) throw new Error(`No editor token in ${E2E_DATA_DIR}; did the web server start?`)
  return createClient({
    projectId: 'lakeside',
    dataset: 'production',
    apiHost: E2E_LAKE_URL,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    token,
  })
}

/** The preview secret `npm start` generated for the end-to-end run's data folder. */
export function readPreviewSecret(): string {
  const parsed = z
    .object({ previewSecret: z.string().min(1) })
    .parse(JSON.parse(readFileSync(join(E2E_DATA_DIR, 'secrets.json'), 'utf8')))
  return parsed.previewSecret
}
