// Runs the embedded content lake as a child of `npm start` and loads the demo content on first start.
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createClient } from '@sanity/client'
import { REVALIDATING_TYPES } from '../../lib/content/tags.ts'
import { SANITY_API_VERSION } from '../../lib/content/api-version.ts'
import { importDataset } from '../../sanity/lake/transfer/import.ts'
import { readTokenFile } from '../../sanity/lake/storage/token-file.ts'
import type { WebhookDefinitionInput } from '../../sanity/lake/webhooks/definition.ts'
import { type ManagedChild, startChild, waitForHttp } from './child.ts'

export const LOCAL_PROJECT_ID = 'lakeside'
export const LOCAL_DATASET = 'production'
const DEMO_CONTENT = resolve(import.meta.dirname, '../../sanity/demo/data.ndjson')

export type LocalLake = {
  child: ManagedChild
  url: string
  projectId: string
  /** The Studio the lake serves on its HTTPS origin, under the project hostname it calls. */
  studioUrl: string
  tokens: { editor: string; viewer: string }
}

/**
 * The webhooks the blog needs from its content store: published content changes revalidate pages.
 * Hosted Sanity gets the same definition through its project settings (see the README).
 */
export function buildBlogWebhooks(siteUrl: string, secret: string): WebhookDefinitionInput[] {
  return [
    {
      name: 'revalidate-site',
      url: `${siteUrl}/api/revalidate`,
      secret,
      filter: `_type in ${JSON.stringify(REVALIDATING_TYPES)}`,
      projection: '{_id, _type, slug, "previousSlug": before().slug.current}',
      on: ['create', 'update', 'delete'],
    },
    {
      // Comments live under a private path (comment.<id>), which webhooks skip unless asked.
      name: 'revalidate-comments',
      url: `${siteUrl}/api/revalidate`,
      secret,
      filter: '_type == "comment" && !(_id in path("drafts.**"))',
      projection: '{_id, _type, "postId": post._ref}',
      on: ['create', 'update', 'delete'],
      includeDrafts: true,
    },
  ]
}

export async function startLocalLake(options: {
  dataDir: string
  host: string
  port: number
  /** Default: the port after `port`. */
  tlsPort?: number
  /** A built Studio for the lake to serve under /studio/. */
  studioDir?: string
  webhooks: WebhookDefinitionInput[]
  /** Default: the local project; the stack's lake stands in for a hosted project under the same id. */
  projectId?: string
}): Promise<LocalLake> {
  const projectId = options.projectId ?? LOCAL_PROJECT_ID
  const lakeDir = join(options.dataDir, 'lake')
  const webhooksFile = join(options.dataDir, 'lake-webhooks.json')
  const tlsPort = options.tlsPort ?? options.port + 1
  writeFileSync(webhooksFile, JSON.stringify(options.webhooks, null, 2), { mode: 0o600 })
  const child = startChild({
    name: 'lake',
    command: process.execPath,
    args: [resolve(import.meta.dirname, '../../sanity/lake/main.ts')],
    env: {
      LAKE_DATA_DIR: lakeDir,
      LAKE_HOST: options.host,
      LAKE_PORT: String(options.port),
      LAKE_TLS_PORT: String(tlsPort),
      LAKE_STUDIO_DIR: options.studioDir,
      LAKE_PROJECT_ID: projectId,
      LAKE_DATASET: LOCAL_DATASET,
      LAKE_WEBHOOKS_FILE: webhooksFile,
    },
  })
  const url = `http://${options.host}:${options.port}`
  await waitForHttp(`${url}/v1/ping`, 30_000, child)
  const records = (await readTokenFile(join(lakeDir, 'tokens.json'))) ?? []
  const editor = records.find((record) => record.role === 'editor')?.token
  const viewer = records.find((record) => record.role === 'viewer')?.token
  if (!editor || !viewer) throw new Error(`The lake in ${lakeDir} has no editor and viewer tokens`)
  const studioUrl = `https://${projectId}.localhost:${tlsPort}/studio/`
  return { child, url, projectId, studioUrl, tokens: { editor, viewer } }
}

/** Loads the demo content when the dataset holds no content yet; returns how many documents it loaded. */
export async function seedDemoContentIfEmpty(lake: LocalLake): Promise<number> {
  const client = createClient({
    projectId: lake.projectId,
    dataset: LOCAL_DATASET,
    apiHost: lake.url,
    useProjectHostname: false,
    apiVersion: SANITY_API_VERSION,
    useCdn: false,
    token: lake.tokens.editor,
  })
  const existing = await client.fetch<number>(
    'count(*[_type in ["post", "siteSettings"]])',
    {},
    { perspective: 'raw' },
  )
  if (existing > 0) return 0
  const summary = await importDataset(client, DEMO_CONTENT, 'missing')
  return summary.documents
}
