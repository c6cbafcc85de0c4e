// The Studio runs in the browser: the Sanity CLI and next.config.ts's `env` inline SANITY_STUDIO_*
// variables at build time (an unset one becomes `undefined`), so each variable is read by its full name.
import { z } from 'zod'
import { usesProjectHostname } from '../../lib/config/api-host.ts'

export const LOCAL_PROJECT_ID = 'lakeside'
export const DEFAULT_DATASET = 'production'
export const DEFAULT_LAKE_PORT = 4546

const emptyAsMissing = (value: unknown): unknown => (value === '' ? undefined : value)
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[.*\])$/

// The Studio puts the project id in front of the API host's name (https://lakeside.localhost:4746), so the
// host must be a name, not an address; and https, since the Studio's 6-8 listeners need HTTP/2.
const apiHostSchema = z
  .url({ protocol: /^https$/, error: 'SANITY_STUDIO_API_HOST must be an https URL' })
  .refine((url) => !IP_LITERAL.test(new URL(url).hostname), {
    error: 'SANITY_STUDIO_API_HOST needs a host name: the Studio puts the project id in front of it',
  })
  .transform((url) => new URL(url).origin)

const studioVariablesSchema = z.object({
  projectId: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
  ),
  dataset: z.preprocess(emptyAsMissing, z.string().default(DEFAULT_DATASET)),
  apiHost: z.preprocess(emptyAsMissing, apiHostSchema.optional()),
  lakePort: z.preprocess(
    emptyAsMissing,
    z.coerce.number().int().min(1).max(65_535).default(DEFAULT_LAKE_PORT),
  ),
})

/**
 * - `local`: `npm start`'s embedded lake, which serves this Studio itself.
 * - `stand-in`: the hosted configuration, with a stand-in for hosted Sanity at `apiHost` (the lake in
 *   `npm run start:stack`); it serves the API only, so the Studio runs as it does on the lake.
 * - `hosted`: hosted Sanity, on its default API host unless `apiHost` names another of Sanity's own.
 */
export type StudioEnv =
  | { mode: 'local'; projectId: string; dataset: string; apiHost: string }
  | { mode: 'stand-in'; projectId: string; dataset: string; apiHost: string }
  | { mode: 'hosted'; projectId: string; dataset: string; apiHost?: string }

/** Where the browser loaded the Studio from; absent outside a browser (`sanity build`, schema extraction). */
export type StudioLocation = { hostname: string; port: string }

/**
 * Without a project id the Studio edits the embedded lake; with one, hosted Sanity, or the stand-in that
 * SANITY_STUDIO_API_HOST names. Throws on malformed values.
 */
export function parseStudioEnv(
  variables: Record<string, string | undefined>,
  location?: StudioLocation,
): StudioEnv {
  const parsed = studioVariablesSchema.parse({
    projectId: variables.SANITY_STUDIO_PROJECT_ID,
    dataset: variables.SANITY_STUDIO_DATASET,
    apiHost: variables.SANITY_STUDIO_API_HOST,
    lakePort: variables.SANITY_STUDIO_LAKE_PORT,
  })
  const { projectId, dataset, apiHost } = parsed
  if (projectId !== undefined) {
    if (apiHost === undefined) return { mode: 'hosted', projectId, dataset }
    // The same rule the site's client follows (lib/config/api-host.ts): only Sanity's hosts are Sanity.
    if (usesProjectHostname(apiHost)) return { mode: 'hosted', projectId, dataset, apiHost }
    return { mode: 'stand-in', projectId, dataset, apiHost }
  }
  // Only `localhost` works for the lake, since browsers send *.localhost to loopback and 127.0.0.1
  // gains no subdomain. Served by the lake itself, the page's own port is the lake's, whatever port
  // the build was made for: one build in dist/studio is shared by every lake started from this checkout.
  const servedByLake = location?.hostname === `${LOCAL_PROJECT_ID}.localhost` && location.port !== ''
  const lakePort = servedByLake ? location.port : String(parsed.lakePort)
  return {
    mode: 'local',
    projectId: LOCAL_PROJECT_ID,
    dataset,
    apiHost: `https://localhost:${lakePort}`,
  }
}

export const studioEnv: StudioEnv = parseStudioEnv(
  {
    SANITY_STUDIO_PROJECT_ID: process.env.SANITY_STUDIO_PROJECT_ID,
    SANITY_STUDIO_DATASET: process.env.SANITY_STUDIO_DATASET,
    SANITY_STUDIO_API_HOST: process.env.SANITY_STUDIO_API_HOST,
    SANITY_STUDIO_LAKE_PORT: process.env.SANITY_STUDIO_LAKE_PORT,
  },
  typeof window === 'undefined' ? undefined : window.location,
)
