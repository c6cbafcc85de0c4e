import { mkdir, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { createImageVariants, type ImageVariantStats } from './assets/image-variants.ts'
import { createTransformGate, type TransformGateLimits } from './assets/transform-gate.ts'
import { randomIdSource, systemClock, type Clock } from './core/clock.ts'
import type { HistoryRetention } from './core/history.ts'
import type { ViewCache } from './core/query.ts'
import { DEFAULT_QUERY_LIMITS, createEventLoopPacer, type QueryLimits } from './core/query-budget.ts'
import { TransactionHub } from './events/hub.ts'
import { PresenceHub } from './events/presence-hub.ts'
import { createWriter } from './events/writer.ts'
import { TokenRegistry } from './http/auth.ts'
import { createRequestHandler } from './http/router.ts'
import { createSocketEndpoint } from './http/socket.ts'
import { buildRunFilePath, checkRunFile, describeStaleRunFile } from './running-lake.ts'
import type { LakeRuntime } from './runtime.ts'
import { startSecureListener } from './tls/secure-listener.ts'
import { createAssetFiles } from './storage/asset-files.ts'
import { createVariantFiles } from './storage/variant-files.ts'
import { openDiskStore } from './storage/disk-store.ts'
import { openKeyValueFile } from './storage/key-value-file.ts'
import type { DocumentStore, RecoveryReport } from './storage/document-store.ts'
import { createMemoryStore } from './storage/memory-store.ts'
import { ensureTokenFile } from './storage/token-file.ts'
import { writeRunFile } from './storage/run-file.ts'
import { webhookDefinitionSchema, type WebhookDefinitionInput } from './webhooks/definition.ts'
import { createWebhookDispatcher, DEFAULT_RETRY_POLICY, type RetryPolicy } from './webhooks/dispatcher.ts'

export type StartLakeOptions = {
  dataDir: string
  host?: string
  /** 0 picks a free port. */
  port?: number
  projectId?: string
  dataset?: string
  webhooks?: WebhookDefinitionInput[]
  clock?: Clock
  /** `memory` keeps documents only in RAM (tokens and assets still go to `dataDir`). */
  storage?: 'disk' | 'memory'
  heartbeatMs?: number
  /** Defaults to LISTENER_DELAY_MS; 0 sends listener events as soon as a transaction commits. */
  listenerDelayMs?: number
  /**
   * HTTP/2 + TLS listener port; 0 picks a free port, `null` turns the listener off.
   * Defaults to `port + 1` (4546), or a free port when `port` is 0.
   */
  tlsPort?: number | null
  /** A `sanity build` output folder to serve under /studio/. */
  studioDir?: string
  webhookRetry?: Partial<RetryPolicy>
  compactEvery?: number
  /** Defaults to one transform per core and a queue of IMAGE_TRANSFORM_QUEUE. */
  imageTransforms?: Partial<TransformGateLimits>
  /** How much document history to keep; defaults to DEFAULT_HISTORY_RETENTION. */
  historyRetention?: Partial<HistoryRetention>
  /** Each query's time and work budget; defaults to DEFAULT_QUERY_LIMITS. */
  queryLimits?: Partial<QueryLimits>
}

export type RunningLake = {
  url: string
  port: number
  /** `https://localhost:<port>` (HTTP/2 and HTTP/1.1), or `null` when the TLS listener is off. */
  tlsUrl: string | null
  /** The local CA certificate that signs the TLS listener's certificate. */
  caFile: string | null
  projectId: string
  dataset: string
  tokens: { editor: string; viewer: string }
  recovery: RecoveryReport
  /** What the image pipeline did: transforms running, queued, refused, and variants served from disk. */
  imageStats(): ImageVariantStats
  /** Resolves when every webhook delivery has been delivered or given up. */
  webhooksIdle(): Promise<void>
  close(): Promise<void>
}

export class LakeStartError extends Error {
  override name = 'LakeStartError'
}

const HEARTBEAT_MS = 25_000
/**
 * A transaction's listener events go out this long after its commit, so a client gets the answer to its own
 * request first and the echo after, as from hosted Sanity. Sent at once, the echo often overtook the answer,
 * and a scripted Studio editor publishing new posts lost 4 of 11 publishes; with the hold, 0 of 8. (The Studio's
 * own publish race, which no timing here cures, is handled in sanity/studio/settled-publish.tsx.) Measured from
 * the commit, so a burst of transactions does not add up.
 */
const LISTENER_DELAY_MS = 150
const DEFAULT_PORT = 4545
/** Transforms that may wait for a slot; past this the lake answers 503 (issue #14). */
const IMAGE_TRANSFORM_QUEUE = 32

export async function startLake(options: StartLakeOptions): Promise<RunningLake> {
  const host = options.host ?? '127.0.0.1'
  const projectId = options.projectId ?? 'lakeside'
  const dataset = options.dataset ?? 'production'
  const clock = options.clock ?? systemClock
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  // No two lakes may share a data folder: both would append to one transaction log.
  const previous = await checkRunFile(options.dataDir)
  if (previous.state === 'running')
    throw new LakeStartError(
      `A lake (process ${previous.run.pid}) already runs on ${options.dataDir} at ${previous.run.url}`,
    )
  if (previous.state === 'stale')
    console.warn(`[lake] ${describeStaleRunFile(previous)}; starting anew and replacing it`)

  const tokenPath = join(options.dataDir, 'tokens.json')
  const tokenRecords = await ensureTokenFile(tokenPath, clock.now())
  const editor = tokenRecords.find((record) => record.role === 'editor')
  const viewer = tokenRecords.find((record) => record.role === 'viewer')
  if (!editor || !viewer)
    throw new LakeStartError(`${tokenPath} needs at least one editor and one viewer token`)

  const store: DocumentStore =
    options.storage === 'memory'
      ? createMemoryStore({ retention: options.historyRetention })
      : await openDiskStore(join(options.dataDir, 'documents'), {
          compactEvery: options.compactEvery,
          retention: options.historyRetention,
        })
  if (store.recovery.corruptTail) {
    const { offset, bytes, reason, savedTo } = store.recovery.corruptTail
    console.warn(
      `[lake] dropped a torn transaction-log tail (${bytes} bytes at ${offset}: ${reason}); saved to ${savedTo}`,
    )
  }
  const hub = new TransactionHub(store.history.lastSeq)
  const ids = randomIdSource
  const definitions = (options.webhooks ?? []).map((definition) => webhookDefinitionSchema.parse(definition))
  const dispatcher = await createWebhookDispatcher({
    definitions,
    queuePath: join(options.dataDir, 'webhook-queue.ndjson'),
    attemptLogPath: join(options.dataDir, 'webhook-deliveries.ndjson'),
    store,
    clock,
    projectId,
    defaultDataset: dataset,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.webhookRetry },
  })
  hub.subscribe((transaction, seq) => {
    dispatcher
      .enqueueFor(transaction, seq)
      .catch((error: unknown) => console.error('[lake] could not queue webhooks', error))
  })

  const imageVariants = createImageVariants(
    // Under assets/ but in a folder no dataset can be named (dataset names start with a letter or digit).
    createVariantFiles(join(options.dataDir, 'assets', '.variants')),
    createTransformGate({
      concurrency: options.imageTransforms?.concurrency ?? availableParallelism(),
      queue: options.imageTransforms?.queue ?? IMAGE_TRANSFORM_QUEUE,
    }),
  )
  const viewCaches = new Map<string, NonNullable<ViewCache>>()
  let publicUrl = ''
  const runtime: LakeRuntime = {
    projectId,
    dataset,
    store,
    keyValues: await openKeyValueFile(join(options.dataDir, 'keyvalue.json')),
    hub,
    presence: new PresenceHub(),
    writer: createWriter(store, hub, { clock, ids, projectId }),
    tokens: new TokenRegistry(tokenPath, tokenRecords),
    assets: createAssetFiles(join(options.dataDir, 'assets')),
    imageVariants,
    clock,
    ids,
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    listenerDelayMs: options.listenerDelayMs ?? LISTENER_DELAY_MS,
    studioDir: options.studioDir ?? null,
    viewCache(name) {
      let cache = viewCaches.get(name)
      if (!cache) {
        cache = new Map()
        viewCaches.set(name, cache)
      }
      return cache
    },
    publicUrl: () => publicUrl,
    queryLimits: {
      timeoutMs: options.queryLimits?.timeoutMs ?? DEFAULT_QUERY_LIMITS.timeoutMs,
      maxWork: options.queryLimits?.maxWork ?? DEFAULT_QUERY_LIMITS.maxWork,
    },
    queryPacer: createEventLoopPacer(),
  }

  const handler = createRequestHandler(runtime)
  const server = createServer({ keepAliveTimeout: 5000 }, handler)
  const sockets = createSocketEndpoint(runtime)
  server.on('upgrade', sockets.handleUpgrade)
  const requestedPort = options.port ?? DEFAULT_PORT
  const port = await listen(server, host, requestedPort)
  const tlsPort =
    options.tlsPort === undefined ? (requestedPort === 0 ? 0 : requestedPort + 1) : options.tlsPort
  const secure =
    tlsPort === null
      ? null
      : await startSecureListener({
          dataDir: options.dataDir,
          host,
          port: tlsPort,
          projectId,
          handler,
          onUpgrade: sockets.handleUpgrade,
        })
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  publicUrl = url
  const runFile = buildRunFilePath(options.dataDir)
  await writeRunFile(runFile, { url, pid: process.pid, projectId, dataset })

  return {
    url,
    port,
    tlsUrl: secure ? `https://localhost:${secure.port}` : null,
    caFile: secure?.caFile ?? null,
    projectId,
    dataset,
    tokens: { editor: editor.token, viewer: viewer.token },
    recovery: store.recovery,
    imageStats: () => imageVariants.stats(),
    webhooksIdle: () => dispatcher.idle(),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      sockets.close()
      server.closeAllConnections()
      await closed
      await secure?.close()
      await dispatcher.close()
      await store.close()
      await rm(runFile, { force: true })
    },
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const address: AddressInfo | string | null = server.address()
      if (address === null || typeof address === 'string')
        reject(new LakeStartError('Server has no TCP address'))
      else resolve(address.port)
    })
  })
}
