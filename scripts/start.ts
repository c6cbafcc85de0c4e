// `npm start`: brings up everything the blog needs in one process tree, prints the URLs and stops
// all of it on Ctrl-C. With no configuration it runs on local services kept in the data folder.
import { createHash } from 'node:crypto'
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { buildStampOf, isBuildCurrent, NEXT_BUILD, recordBuild } from './lib/build-stamp.ts'
import { runToCompletion, startChild, waitForHttp } from './lib/child.ts'
import { assertContentStoreReachable } from './lib/content-preflight.ts'
import { loadOrCreateLocalSecrets } from './lib/local-secrets.ts'
import { buildStudioIfStale, STUDIO_DIR } from './lib/studio-build.ts'
import { startMailCatcher } from './mail-catcher/catcher.ts'
import { buildBlogWebhooks, seedDemoContentIfEmpty, startLocalLake } from './lib/local-lake.ts'
import { createSupervisor, printReady } from './lib/supervisor.ts'

const root = resolve(import.meta.dirname, '..')
const nextBin = resolve(root, 'node_modules/next/dist/bin/next')

const startEnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  BLOG_DATA_DIR: z.string().min(1).default('.data'),
  LAKE_PORT: z.coerce.number().int().min(1).max(65_535).default(4545),
  MAIL_SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(2525),
  MAIL_INBOX_PORT: z.coerce.number().int().min(1).max(65_535).default(2580),
  SANITY_PROJECT_ID: z.string().min(1).optional(),
  SANITY_DATASET: z.string().min(1).default('production'),
  SANITY_API_HOST: z.string().min(1).optional(),
  SANITY_API_READ_TOKEN: z.string().min(1).optional(),
  SMTP_URL: z.string().min(1).optional(),
})

const { values: flags } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    'build-only': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
  },
  strict: true,
})

const settings = startEnvSchema.parse(
  Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')),
)
const dataDir = resolve(root, settings.BLOG_DATA_DIR)
const siteUrl = `http://${settings.HOST}:${settings.PORT}`
const { watch, onStop, stopAll } = createSupervisor()

async function main(): Promise<void> {
  if (flags.fresh) rmSync(dataDir, { recursive: true, force: true })
  const secrets = loadOrCreateLocalSecrets(dataDir)
  const appEnv: Record<string, string | undefined> = {
    NEXT_TELEMETRY_DISABLED: '1',
    SANITY_TELEMETRY_DISABLED: '1',
    SITE_URL: process.env.SITE_URL || siteUrl,
    SANITY_WEBHOOK_SECRET: process.env.SANITY_WEBHOOK_SECRET || secrets.webhookSecret,
    SANITY_PREVIEW_SECRET: process.env.SANITY_PREVIEW_SECRET || secrets.previewSecret,
    COMMENT_SIGNING_KEY: process.env.COMMENT_SIGNING_KEY || secrets.commentSigningKey,
  }
  const urls: [string, string][] = []

  if (settings.SANITY_PROJECT_ID === undefined) {
    const lakeTlsPort = settings.LAKE_PORT + 1
    await buildStudioIfStale(lakeTlsPort, flags.rebuild)
    const lake = await startLocalLake({
      dataDir,
      host: settings.HOST,
      port: settings.LAKE_PORT,
      tlsPort: lakeTlsPort,
      studioDir: STUDIO_DIR,
      webhooks: buildBlogWebhooks(appEnv.SITE_URL ?? siteUrl, appEnv.SANITY_WEBHOOK_SECRET ?? ''),
    })
    watch(lake.child)
    const seeded = await seedDemoContentIfEmpty(lake)
    if (seeded > 0) process.stdout.write(`Loaded ${seeded} demo documents into the content lake.\n`)
    Object.assign(appEnv, {
      SANITY_API_HOST: lake.url,
      SANITY_API_READ_TOKEN: lake.tokens.viewer,
      SANITY_API_WRITE_TOKEN: lake.tokens.editor,
      SANITY_STUDIO_URL: lake.studioUrl,
    })
    urls.push(['Studio', `${lake.studioUrl}#token=${lake.tokens.editor}`])
    urls.push(['Content lake', `${lake.url}/v1/ping`])
  }

  if (settings.SANITY_PROJECT_ID !== undefined) {
    await assertContentStoreReachable({
      projectId: settings.SANITY_PROJECT_ID,
      dataset: settings.SANITY_DATASET,
      apiHost: settings.SANITY_API_HOST,
      token: settings.SANITY_API_READ_TOKEN,
    })
  }

  if (settings.SMTP_URL === undefined) {
    const mailCatcher = await startMailCatcher({
      dataDir: join(dataDir, 'mail'),
      host: settings.HOST,
      smtpPort: settings.MAIL_SMTP_PORT,
      httpPort: settings.MAIL_INBOX_PORT,
    })
    onStop(() => mailCatcher.close())
    appEnv.SMTP_URL = mailCatcher.smtpUrl
    urls.push(['Mail inbox', mailCatcher.inboxUrl])
  }

  if (flags.dev) {
    const next = watch(
      startChild({
        name: 'next',
        command: process.execPath,
        args: [nextBin, 'dev', '-H', settings.HOST, '-p', String(settings.PORT)],
        env: appEnv,
      }),
    )
    await waitForHttp(siteUrl, 120_000, next)
    printReady('The blog is running:', readyLines(urls))
    return
  }

  const stamp = buildStampOf(root, NEXT_BUILD, {
    SITE_URL: appEnv.SITE_URL ?? '',
    SANITY_API_HOST: appEnv.SANITY_API_HOST ?? '',
    // Prerendered article pages carry a signed comment-form token: new keys (a fresh data folder)
    // need new pages, or every no-JS comment would fail the signature check. Only a digest is kept.
    COMMENT_SIGNING_KEY: createHash('sha256')
      .update(appEnv.COMMENT_SIGNING_KEY ?? '')
      .digest('hex'),
  })
  if (flags.rebuild || flags['build-only'] || !isBuildCurrent(root, NEXT_BUILD, stamp)) {
    process.stdout.write('Building the site (next build)…\n')
    await runToCompletion({ name: 'build', command: process.execPath, args: [nextBin, 'build'], env: appEnv })
    recordBuild(root, NEXT_BUILD, stamp)
  }
  if (flags['build-only']) return stopAll(0)

  const next = watch(
    startChild({
      name: 'next',
      command: process.execPath,
      args: [nextBin, 'start', '-H', settings.HOST, '-p', String(settings.PORT)],
      env: appEnv,
    }),
  )
  await waitForHttp(siteUrl, 60_000, next)
  printReady('The blog is running:', readyLines(urls))
}

function readyLines(urls: [string, string][]): [string, string][] {
  return [['Site', `${siteUrl}/`], ...urls, ['Data', dataDir]]
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`)
  void stopAll(1)
})
