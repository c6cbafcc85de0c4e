import type { Clock, IdSource } from './core/clock.ts'
import type { ViewCache } from './core/query.ts'
import type { TransactionHub } from './events/hub.ts'
import type { Writer } from './events/writer.ts'
import type { TokenRegistry } from './http/auth.ts'
import type { AssetFiles } from './storage/asset-files.ts'
import type { DocumentStore } from './storage/document-store.ts'

/** Everything a request handler may use. Built once by `startLake`. */
export type LakeRuntime = {
  projectId: string
  store: DocumentStore
  writer: Writer
  hub: TransactionHub
  tokens: TokenRegistry
  assets: AssetFiles
  clock: Clock
  ids: IdSource
  heartbeatMs: number
  viewCache(dataset: string): NonNullable<ViewCache>
  /** The base URL clients reach this lake at, used in asset `url`s. */
  publicUrl(): string
}
