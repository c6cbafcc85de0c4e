import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_HISTORY_RETENTION, type HistoryRetention } from './core/history.ts'
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './core/query-budget.ts'
import { webhookDefinitionSchema, type WebhookDefinition } from './webhooks/definition.ts'

const emptyAsMissing = (value: unknown): unknown => (value === '' ? undefined : value)

const envSchema = z.object({
  LAKE_HOST: z.preprocess(emptyAsMissing, z.string().default('127.0.0.1')),
  LAKE_PORT: z.preprocess(emptyAsMissing, z.coerce.number().int().min(0).max(65535).default(4545)),
  /** Defaults to LAKE_PORT + 1 (4546), or a free port when LAKE_PORT is 0. */
  LAKE_TLS_PORT: z.preprocess(emptyAsMissing, z.coerce.number().int().min(0).max(65535).optional()),
  LAKE_DATA_DIR: z.preprocess(emptyAsMissing, z.string().default('.data/lake')),
  LAKE_PROJECT_ID: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/)
      .default('lakeside'),
  ),
  LAKE_DATASET: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
      .default('production'),
  ),
  LAKE_WEBHOOKS_FILE: z.preprocess(emptyAsMissing, z.string().optional()),
  LAKE_STUDIO_DIR: z.preprocess(emptyAsMissing, z.string().optional()),
  LAKE_HISTORY_RETENTION_DAYS: z.preprocess(
    emptyAsMissing,
    z.coerce.number().positive().default(DEFAULT_HISTORY_RETENTION.maxAgeDays),
  ),
  LAKE_HISTORY_MAX_REVISIONS: z.preprocess(
    emptyAsMissing,
    z.coerce.number().int().min(1).default(DEFAULT_HISTORY_RETENTION.maxTransactionsPerDocument),
  ),
  LAKE_QUERY_TIMEOUT_MS: z.preprocess(
    emptyAsMissing,
    z.coerce.number().int().positive().default(DEFAULT_QUERY_LIMITS.timeoutMs),
  ),
  LAKE_QUERY_MAX_WORK: z.preprocess(
    emptyAsMissing,
    z.coerce.number().int().positive().default(DEFAULT_QUERY_LIMITS.maxWork),
  ),
})

export type LakeConfig = {
  host: string
  port: number
  tlsPort: number
  dataDir: string
  /**
   * Where operator commands look for a running lake, in order: LAKE_DATA_DIR alone when it is set; otherwise
   * `npm start`'s lake, then `npm run start:stack`'s (`.data/stack/lake`), so the same command reaches either.
   */
  operatorDataDirs: string[]
  projectId: string
  dataset: string
  webhooksFile: string | undefined
  /** A built Studio to serve under /studio/. */
  studioDir: string | undefined
  historyRetention: Pick<HistoryRetention, 'maxAgeDays' | 'maxTransactionsPerDocument'>
  queryLimits: QueryLimits
}

export class LakeConfigError extends Error {
  override name = 'LakeConfigError'
}

/** The lake's only reader of `process.env`. */
export function parseLakeConfig(env: Record<string, string | undefined>): LakeConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success)
    throw new LakeConfigError(`Invalid lake configuration: ${z.prettifyError(parsed.error)}`)
  const {
    LAKE_HOST,
    LAKE_PORT,
    LAKE_TLS_PORT,
    LAKE_DATA_DIR,
    LAKE_PROJECT_ID,
    LAKE_DATASET,
    LAKE_WEBHOOKS_FILE,
    LAKE_STUDIO_DIR,
    LAKE_HISTORY_RETENTION_DAYS,
    LAKE_HISTORY_MAX_REVISIONS,
    LAKE_QUERY_TIMEOUT_MS,
    LAKE_QUERY_MAX_WORK,
  } = parsed.data
  return {
    host: LAKE_HOST,
    port: LAKE_PORT,
    tlsPort: LAKE_TLS_PORT ?? (LAKE_PORT === 0 ? 0 : LAKE_PORT + 1),
    dataDir: LAKE_DATA_DIR,
    operatorDataDirs:
      env.LAKE_DATA_DIR === undefined || env.LAKE_DATA_DIR === ''
        ? [LAKE_DATA_DIR, join(dirname(LAKE_DATA_DIR), 'stack', 'lake')]
        : [LAKE_DATA_DIR],
    projectId: LAKE_PROJECT_ID,
    dataset: LAKE_DATASET,
    webhooksFile: LAKE_WEBHOOKS_FILE,
    studioDir: LAKE_STUDIO_DIR,
    historyRetention: {
      maxAgeDays: LAKE_HISTORY_RETENTION_DAYS,
      maxTransactionsPerDocument: LAKE_HISTORY_MAX_REVISIONS,
    },
    queryLimits: { timeoutMs: LAKE_QUERY_TIMEOUT_MS, maxWork: LAKE_QUERY_MAX_WORK },
  }
}

export function readLakeConfig(): LakeConfig {
  return parseLakeConfig(process.env)
}

export async function readWebhookDefinitions(path: string | undefined): Promise<WebhookDefinition[]> {
  if (path === undefined) return []
  let json: unknown
  try {
    json = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new LakeConfigError(`Could not read webhook definitions from ${path}`, { cause: error })
  }
  const parsed = z.array(webhookDefinitionSchema).safeParse(json)
  if (!parsed.success)
    throw new LakeConfigError(`Invalid webhook definitions in ${path}: ${z.prettifyError(parsed.error)}`)
  return parsed.data
}
