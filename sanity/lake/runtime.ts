import type { ImageVariants } from './assets/image-variants.ts'
import type { Clock, IdSource } from './core/clock.ts'
import type { ViewCache } from './core/query.ts'
import type { QueryLimits, QueryPacer } from './core/query-budget.ts'
import type { TransactionHub } from './events/hub.ts'
import type { PresenceHub } from './events/presence-hub.ts'
import type { Writer } from './events/writer.ts'
import type { TokenRegistry } from './http/auth.ts'
import type { AssetFiles } from './storage/asset-files.ts'
import type { DocumentStore } from './storage/document-store.ts'
import type { KeyValueStore } from './storage/key-value-file.ts'

/** Everything a request handler may use. Built once by `startLake`. */
export type LakeRuntime = {
  projectId: string
  /** The dataset the lake was started for; listed even before it holds a document. */
  dataset: string
  store: DocumentStore
  keyValues: KeyValueStore
  writer: Writer
  hub: TransactionHub
  presence: PresenceHub
  tokens: TokenRegistry
  assets: AssetFiles
  /** Transformed images: kept on disk once made, made under a bound on concurrent transforms. */
  imageVariants: ImageVariants
  clock: Clock
  ids: IdSource
  heartbeatMs: number
  /** How long after its commit a transaction's listener events go out (see LISTENER_DELAY_MS in server.ts). */
  listenerDelayMs: number
  /** A built Studio served under /studio/, or null when there is none. */
  studioDir: string | null
  viewCache(dataset: string): NonNullable<ViewCache>
  /** Every GROQ query a client sends runs within these limits, paced by `queryPacer`. */
  queryLimits: QueryLimits
  queryPacer: QueryPacer
  /** The base URL clients reach this lake at, used in asset `url`s. */
  publicUrl(): string
}
