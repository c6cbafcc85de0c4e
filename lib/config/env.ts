import 'server-only'
import { z } from 'zod'
import { parseFrontRefreshTarget } from '@/lib/cache/front-refresh'
import { HOSTED_API_HOST, usesProjectHostname } from '@/lib/config/api-host'
import { parseRedisUrl } from '@/lib/redis/redis-url'

const LOCAL_PROJECT_ID = 'lakeside'
const DEFAULT_DATASET = 'production'
const DEFAULT_LOCAL_API_HOST = 'http://127.0.0.1:4545'
const DEFAULT_SITE_URL = 'http://127.0.0.1:3000'
// The local mail catcher (scripts/mail-catcher) listens here unless npm start is told otherwise.
const DEFAULT_LOCAL_SMTP_URL = 'smtp://127.0.0.1:2525'
const DEFAULT_LOCAL_MODERATORS = ['moderator@example.com']

// Empty strings count as missing, so `SANITY_PROJECT_ID=` in a .env file means "use the local lake".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

const envSchema = z.object({
  SANITY_PROJECT_ID: optional(z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens')),
  SANITY_DATASET: optional(z.string().regex(/^[a-z0-9_-]+$/)),
  SANITY_API_HOST: optional(z.url({ protocol: /^https?$/ })),
  SANITY_API_READ_TOKEN: optional(z.string()),
  SANITY_API_WRITE_TOKEN: optional(z.string()),
  SANITY_WEBHOOK_SECRET: optional(z.string().min(16)),
  SANITY_PREVIEW_SECRET: optional(z.string().min(16)),
  SANITY_STUDIO_URL: optional(z.url({ protocol: /^https?$/ })),
  SITE_URL: optional(z.url({ protocol: /^https?$/ })),
  COMMENT_SIGNING_KEY: optional(z.string().min(32, 'at least 32 characters')),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
  MAIL_FROM: optional(z.email()),
  MODERATOR_EMAILS: optional(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((address) => address.trim())
          .filter((address) => address !== ''),
      )
      .pipe(z.array(z.email())),
  ),
  TRUSTED_PROXY_HOPS: optional(z.coerce.number().int().min(0).max(10)),
})

export type EnvMode = 'local' | 'hosted'

function buildEnv(source: Record<string, string | undefined>) {
  const parsed = envSchema.safeParse(source)
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`, { cause: parsed.error })
  }
  const vars = parsed.data
  const mode: EnvMode = vars.SANITY_PROJECT_ID === undefined ? 'local' : 'hosted'
  return Object.freeze({
    mode,
    sanity: Object.freeze({
      projectId: vars.SANITY_PROJECT_ID ?? LOCAL_PROJECT_ID,
      dataset: vars.SANITY_DATASET ?? DEFAULT_DATASET,
      apiHost:
        mode === 'local'
          ? (vars.SANITY_API_HOST ?? DEFAULT_LOCAL_API_HOST)
          : (vars.SANITY_API_HOST ?? HOSTED_API_HOST),
      useProjectHostname: mode === 'hosted' && usesProjectHostname(vars.SANITY_API_HOST ?? HOSTED_API_HOST),
      readToken: vars.SANITY_API_READ_TOKEN,
      writeToken: vars.SANITY_API_WRITE_TOKEN,
      webhookSecret: vars.SANITY_WEBHOOK_SECRET,
      previewSecret: vars.SANITY_PREVIEW_SECRET,
      /** Local mode: where the lake serves the Studio (npm start sets it); /studio on the site leads there. */
      localStudioUrl: vars.SANITY_STUDIO_URL,
    }),
    /** The cache front the page cache refreshes after a revalidation (lib/cache/redis-cache-handler.ts). */
    cacheFront: parseFrontRefreshTarget(source),
    /** Shared cache and budgets for several instances; unset, each instance keeps its own in memory. */
    redisUrl: parseRedisUrl(source.REDIS_URL),
    siteUrl: (vars.SITE_URL ?? DEFAULT_SITE_URL).replace(/\/+$/, ''),
    /** Reverse proxies in front of the site whose `X-Forwarded-For` entries count (lib/security/ip.ts). */
    trustedProxyHops: vars.TRUSTED_PROXY_HOPS ?? 0,
    comments: Object.freeze({ signingKey: vars.COMMENT_SIGNING_KEY }),
    mail: Object.freeze({
      // Hosted mode without SMTP_URL sends no mail: the outbox keeps the items until SMTP is configured.
      smtpUrl: vars.SMTP_URL ?? (mode === 'local' ? DEFAULT_LOCAL_SMTP_URL : undefined),
      from: vars.MAIL_FROM ?? `no-reply@${new URL(vars.SITE_URL ?? DEFAULT_SITE_URL).hostname}`,
      /** Used when the site settings in Sanity list no moderators. */
      moderatorEmails: Object.freeze(
        vars.MODERATOR_EMAILS ?? (mode === 'local' ? DEFAULT_LOCAL_MODERATORS : []),
      ),
    }),
  })
}

export type Env = ReturnType<typeof buildEnv>

export const env: Env = buildEnv(process.env)
