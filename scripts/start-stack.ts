// `npm run start:stack`: the production shape on one machine. The app runs in its hosted configuration
// (SANITY_PROJECT_ID, tokens, SMTP_URL, REDIS_URL) as two `next start` instances sharing Redis, behind the nginx
// cache front; a content lake stands in for hosted Sanity through SANITY_API_HOST and the mail catcher for the
// SMTP relay. Ctrl-C stops all of it.
import { createHash } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { buildStampOf, isBuildCurrent, nextBuildTarget, recordBuild } from './lib/build-stamp.ts'
import { runToCompletion, startChild, waitForHttp } from './lib/child.ts'
import { assertContentStoreReachable } from './lib/content-preflight.ts'
import { startFront } from './lib/front.ts'
import { buildBlogWebhooks, LOCAL_DATASET, seedDemoContentIfEmpty, startLocalLake } from './lib/local-lake.ts'
import { loadOrCreateLocalSecrets } from './lib/local-secrets.ts'
import { startRedisServer, waitForRedis } from './lib/redis-server.ts'
import { buildStudioIfStale, STUDIO_DIR } from './lib/studio-build.ts'
import { createSupervisor, printReady } from './lib/supervisor.ts'
import { startMailCatcher } from './mail-catcher/catcher.ts'

const root = resolve(import.meta.dirname, '..')
const nextBin = resolve(root, 'node_modules/next/dist/bin/next')
const DIST_DIR = '.next-stack'
/** The project id the app is configured with; the lake answers for it as hosted Sanity would. */
const STACK_PROJECT_ID = 'lakeside'
/** The port `npm start`'s Studio build is made for (sanity/studio/studio-env.ts). */
const DEFAULT_LAKE_TLS_PORT = 4546

const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback)
const stackEnvSchema = z.object({
  STACK_HOST: z.string().min(1).default('127.0.0.1'),
  STACK_FRONT_PORT: port(8080),
  STACK_SITE_PORTS: z
    .string()
    .default('3001,3002')
    .transform((value) => value.split(',').map((entry) => Number(entry.trim())))
    .pipe(z.array(z.number().int().min(1).max(65_535)).min(1)),
  STACK_LAKE_PORT: port(4845),
  STACK_REDIS_PORT: port(6380),
  STACK_SMTP_PORT: port(2825),
  STACK_INBOX_PORT: port(2880),
  BLOG_DATA_DIR: z.string().min(1).default('.data'),
  /** An existing Redis to use instead of starting one (as a deployment would). */
  STACK_REDIS_URL: z.string().min(1).optional(),
  /** nginx worker processes of the front (default: one per core). */
  STACK_FRONT_WORKERS: z.coerce.number().int().min(1).optional(),
  /** Deliver the lake's webhooks to this instance (1-based) instead of the front: proves the cache is shared. */
  STACK_WEBHOOK_INSTANCE: z.coerce.number().int().min(1).optional(),
})

const { values: flags } = parseArgs({
  options: {
    rebuild: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    // --no-studio: the tests need no Studio, and building one costs a minute.
    studio: { type: 'boolean', default: true },
  },
  allowNegative: true,
  strict: true,
})
const settings = stackEnvSchema.parse(
  Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')),
)
const host = settings.STACK_HOST
const dataDir = resolve(root, settings.BLOG_DATA_DIR, 'stack')
const frontUrl = `http://${host}:${settings.STACK_FRONT_PORT}`
const { watch, keepRunning, onStop, stopAll } = createSupervisor()

async function main(): Promise<void> {
  if (flags.fresh) rmSync(dataDir, { recursive: true, force: true })
  const secrets = loadOrCreateLocalSecrets(dataDir)
  const frontSecret = createHash('sha256').update(`cache-front:${secrets.webhookSecret}`).digest('base64url')

  let redisUrl = settings.STACK_REDIS_URL
  if (redisUrl === undefined) {
    const redis = watch(
      await startRedisServer({ dir: join(dataDir, 'redis'), host, port: settings.STACK_REDIS_PORT }),
    )
    await waitForRedis(host, settings.STACK_REDIS_PORT, 10_000, redis)
    redisUrl = `redis://${host}:${settings.STACK_REDIS_PORT}`
  }

  const mail = await startMailCatcher({
    dataDir: join(dataDir, 'mail'),
    host,
    smtpPort: settings.STACK_SMTP_PORT,
    httpPort: settings.STACK_INBOX_PORT,
  })
  onStop(() => mail.close())

  const webhookInstancePort =
    settings.STACK_WEBHOOK_INSTANCE === undefined
      ? undefined
      : settings.STACK_SITE_PORTS[settings.STACK_WEBHOOK_INSTANCE - 1]
  const webhookTarget = webhookInstancePort === undefined ? frontUrl : `http://${host}:${webhookInstancePort}`
  const lakeTlsPort = settings.STACK_LAKE_PORT + 1
  // Served by the lake, the Studio takes the lake's port from its own address: one build serves every lake.
  if (flags.studio) await buildStudioIfStale(DEFAULT_LAKE_TLS_PORT, flags.rebuild)
  const lake = await startLocalLake({
    dataDir,
    host,
    port: settings.STACK_LAKE_PORT,
    tlsPort: lakeTlsPort,
    studioDir: flags.studio ? STUDIO_DIR : undefined,
    projectId: STACK_PROJECT_ID,
    // Through the front, as hosted Sanity's webhook would reach a deployed site: any instance may take it.
    webhooks: buildBlogWebhooks(webhookTarget, secrets.webhookSecret),
  })
  watch(lake.child)
  const seeded = await seedDemoContentIfEmpty(lake)
  if (seeded > 0) process.stdout.write(`Loaded ${seeded} demo documents into the content lake.\n`)

  const studioApiHost = `https://localhost:${lakeTlsPort}`
  // Exactly what a hosted deployment sets (README, "Deployment"); only the hosts are local.
  const appEnv: Record<string, string> = {
    NEXT_TELEMETRY_DISABLED: '1',
    SANITY_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: DIST_DIR,
    SITE_URL: frontUrl,
    SANITY_PROJECT_ID: STACK_PROJECT_ID,
    SANITY_DATASET: LOCAL_DATASET,
    SANITY_API_HOST: lake.url,
    SANITY_API_READ_TOKEN: lake.tokens.viewer,
    SANITY_API_WRITE_TOKEN: lake.tokens.editor,
    SANITY_WEBHOOK_SECRET: secrets.webhookSecret,
    SANITY_PREVIEW_SECRET: secrets.previewSecret,
    COMMENT_SIGNING_KEY: secrets.commentSigningKey,
    SMTP_URL: mail.smtpUrl,
    MAIL_FROM: 'blog@lakeside.localhost',
    MODERATOR_EMAILS: 'moderator@example.com',
    REDIS_URL: redisUrl,
    CACHE_FRONT_URL: frontUrl,
    CACHE_FRONT_SECRET: frontSecret,
    // The front overwrites X-Forwarded-For with the address it saw: trust that one hop, no more.
    TRUSTED_PROXY_HOPS: '1',
    // The embedded Studio at the front's /studio calls the lake from the browser, through its HTTP/2
    // listener (the Studio adds the project id: https://lakeside.localhost:<port>); baked in by next build.
    SANITY_STUDIO_API_HOST: studioApiHost,
  }
  await assertContentStoreReachable({
    projectId: STACK_PROJECT_ID,
    dataset: LOCAL_DATASET,
    apiHost: appEnv.SANITY_API_HOST,
    token: appEnv.SANITY_API_READ_TOKEN,
  })

  const target = nextBuildTarget(DIST_DIR)
  const stamp = buildStampOf(root, target, {
    SITE_URL: frontUrl,
    SANITY_API_HOST: lake.url,
    SANITY_STUDIO_API_HOST: studioApiHost,
    COMMENT_SIGNING_KEY: createHash('sha256').update(secrets.commentSigningKey).digest('hex'),
  })
  if (flags.rebuild || !isBuildCurrent(root, target, stamp)) {
    process.stdout.write('Building the site in its hosted configuration (next build)…\n')
    await runToCompletion({ name: 'build', command: process.execPath, args: [nextBin, 'build'], env: appEnv })
    recordBuild(root, target, stamp)
  }

  const instances = settings.STACK_SITE_PORTS.map((sitePort, index) => {
    const url = `http://${host}:${sitePort}`
    const child = keepRunning(() =>
      startChild({
        name: `site-${index + 1}`,
        command: process.execPath,
        args: [nextBin, 'start', '-H', host, '-p', String(sitePort)],
        env: appEnv,
      }),
    )
    return { url, child, address: `${host}:${sitePort}` }
  })
  for (const instance of instances) await waitForHttp(`${instance.url}/`, 60_000, instance.child)

  const front = watch(
    await startFront({
      dir: join(dataDir, 'front'),
      host,
      port: settings.STACK_FRONT_PORT,
      upstreams: instances.map(({ address }) => address),
      refreshSecret: frontSecret,
      workers: settings.STACK_FRONT_WORKERS,
    }),
  )
  await waitForHttp(`${frontUrl}/`, 10_000, front)

  printReady('The production-shaped stack is running (hosted configuration):', [
    ['Front', `${frontUrl}/`],
    ...instances.map(({ url }, index): [string, string] => [`Site instance ${index + 1}`, `${url}/`]),
    // The Studio the hosted site embeds, signed in by the fragment (never sent to the server).
    ['Studio', `${frontUrl}/studio/#token=${lake.tokens.editor}`],
    ...(flags.studio
      ? [['Lake Studio', `${lake.studioUrl}#token=${lake.tokens.editor}`] as [string, string]]
      : []),
    ['Content lake', `${lake.url}/v1/ping`],
    ['Mail inbox', mail.inboxUrl],
    ['Redis', appEnv.REDIS_URL ?? ''],
    ['Data', dataDir],
  ])
}

main().catch((error: unknown) => {
  process.stderr.write(
    `npm run start:stack failed: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  void stopAll(1)
})
