// The blog as `npm start` runs it (content lake, mail catcher, `next start`), on the benchmark's own ports and
// data folder. Built from the same pieces as scripts/start.ts, so a benchmark measures what users run, but with
// the parts separately startable: a build needs only the lake, and a profiled run needs `node --cpu-prof`.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startChild, stopChild, waitForHttp } from '../../scripts/lib/child.ts'
import {
  buildBlogWebhooks,
  type LocalLake,
  seedDemoContentIfEmpty,
  startLocalLake,
} from '../../scripts/lib/local-lake.ts'
import { loadOrCreateLocalSecrets } from '../../scripts/lib/local-secrets.ts'
import { startMailCatcher, type MailCatcher } from '../../scripts/mail-catcher/catcher.ts'
import { track } from './running.ts'
import {
  BENCH_DATA_ROOT,
  BENCH_HOST,
  BENCH_INBOX_PORT,
  BENCH_LAKE_PORT,
  BENCH_SITE_PORT,
  BENCH_SITE_URL,
  BENCH_SMTP_PORT,
  NEXT_BIN,
  REPO_ROOT,
} from './settings.ts'

// The file scripts/lib/local-secrets.ts keeps a data folder's secrets in.
const SECRETS_FILE = 'secrets.json'

export type ContentServices = {
  name: string
  dataDir: string
  lake: LocalLake
  mail: MailCatcher
  /** The environment `next build` and `next start` get, as scripts/start.ts gives it. */
  appEnv: Record<string, string>
  stop(): Promise<void>
}

export type Site = {
  name: string
  url: string
  /** `performance.now()` when the process was spawned. */
  spawnedAt: number
  stop(): Promise<void>
}

/** Starts the lake (loaded with the demo content) and the mail catcher in an emptied data folder. */
export async function startContentServices(dataDir: string): Promise<ContentServices> {
  rmSync(dataDir, { recursive: true, force: true })
  // One set of secrets for every benchmark folder, as `npm start` keeps one per data folder for build and start:
  // pages prerendered by the build carry form tokens signed with the build's key, and must verify at run time.
  const secrets = loadOrCreateLocalSecrets(BENCH_DATA_ROOT)
  mkdirSync(dataDir, { recursive: true })
  copyFileSync(join(BENCH_DATA_ROOT, SECRETS_FILE), join(dataDir, SECRETS_FILE))
  const lake = await startLocalLake({
    dataDir,
    host: BENCH_HOST,
    port: BENCH_LAKE_PORT,
    webhooks: buildBlogWebhooks(BENCH_SITE_URL, secrets.webhookSecret),
  })
  const lakeStopper = track({ name: 'lake', stop: () => stopChild(lake.child) })
  try {
    await seedDemoContentIfEmpty(lake)
    const mail = await startMailCatcher({
      dataDir: join(dataDir, 'mail'),
      host: BENCH_HOST,
      smtpPort: BENCH_SMTP_PORT,
      httpPort: BENCH_INBOX_PORT,
    })
    const mailStopper = track({ name: 'mail catcher', stop: () => mail.close() })
    return track({
      name: 'content services',
      dataDir,
      lake,
      mail,
      appEnv: {
        NEXT_TELEMETRY_DISABLED: '1',
        SANITY_TELEMETRY_DISABLED: '1',
        SITE_URL: BENCH_SITE_URL,
        SANITY_WEBHOOK_SECRET: secrets.webhookSecret,
        SANITY_PREVIEW_SECRET: secrets.previewSecret,
        COMMENT_SIGNING_KEY: secrets.commentSigningKey,
        SANITY_API_HOST: lake.url,
        SANITY_API_READ_TOKEN: lake.tokens.viewer,
        SANITY_API_WRITE_TOKEN: lake.tokens.editor,
        SMTP_URL: mail.smtpUrl,
        // The benchmark clients stand in for one reverse proxy: X-Forwarded-For gives each an address of its own.
        TRUSTED_PROXY_HOPS: '1',
      },
      async stop() {
        await mailStopper.stop()
        await lakeStopper.stop()
      },
    })
  } catch (error) {
    await lakeStopper.stop()
    throw error
  }
}

export type StartSiteOptions = {
  /** Node flags for the `next start` process, e.g. `--cpu-prof`. */
  nodeArgs?: string[]
  cwd?: string
}

/** `next start` on the benchmark port against `services`; resolves once it answers. */
export async function startSite(services: ContentServices, options: StartSiteOptions = {}): Promise<Site> {
  const spawnedAt = performance.now()
  const child = startChild({
    name: 'next',
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), NEXT_BIN, 'start', '-H', BENCH_HOST, '-p', String(BENCH_SITE_PORT)],
    env: services.appEnv,
    cwd: options.cwd ?? REPO_ROOT,
  })
  const site = track({
    name: 'next start',
    url: BENCH_SITE_URL,
    spawnedAt,
    stop: () => stopChild(child, 15_000),
  })
  try {
    await waitForHttp(BENCH_SITE_URL, 60_000, child)
  } catch (error) {
    await site.stop()
    throw error
  }
  return site
}

/** Runs `measure` with services and a site started in `dataDir`, and stops both whatever happens. */
export async function withStack<T>(
  dataDir: string,
  measure: (services: ContentServices, site: Site) => Promise<T>,
  options: StartSiteOptions = {},
): Promise<T> {
  const services = await startContentServices(dataDir)
  try {
    const site = await startSite(services, options)
    try {
      return await measure(services, site)
    } finally {
      await site.stop()
    }
  } finally {
    await services.stop()
  }
}
