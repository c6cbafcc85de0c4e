// The Studio runs in the browser: the Sanity CLI inlines SANITY_STUDIO_* variables at build time
// (an unset one becomes `undefined`), so each variable is read by its full name.
import { z } from 'zod'

export const LOCAL_PROJECT_ID = 'lakeside'
export const DEFAULT_DATASET = 'production'
export const DEFAULT_LAKE_PORT = 4546

const emptyAsMissing = (value: unknown): unknown => (value === '' ? undefined : value)

const studioVariablesSchema = z.object({
  projectId: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
  ),
  dataset: z.preprocess(emptyAsMissing, z.string().default(DEFAULT_DATASET)),
  lakePort: z.preprocess(
    emptyAsMissing,
    z.coerce.number().int().min(1).max(65_535).default(DEFAULT_LAKE_PORT),
  ),
})

export type StudioEnv =
  | { mode: 'local'; projectId: string; dataset: string; apiHost: string }
  | { mode: 'hosted'; projectId: string; dataset: string }

/** Where the browser loaded the Studio from; absent outside a browser (`sanity build`, schema extraction). */
export type StudioLocation = { hostname: string; port: string }

/** Without a project id the Studio edits the embedded lake; with one, hosted Sanity. Throws on malformed values. */
export function parseStudioEnv(
  variables: Record<string, string | undefined>,
  location?: StudioLocation,
): StudioEnv {
  const parsed = studioVariablesSchema.parse({
    projectId: variables.SANITY_STUDIO_PROJECT_ID,
    dataset: variables.SANITY_STUDIO_DATASET,
    lakePort: variables.SANITY_STUDIO_LAKE_PORT,
  })
  if (parsed.projectId !== undefined)
    return { mode: 'hosted', projectId: parsed.projectId, dataset: parsed.dataset }
  // The Studio puts the project id in front of the API host (https://lakeside.localhost:4546):
  // only `localhost` works, since browsers send *.localhost to loopback and 127.0.0.1 gains no
  // subdomain. It must be https, because the Studio's 6-8 listeners need HTTP/2.
  // Served by the lake itself, the page's own port is the lake's, whatever port the build was made
  // for: one build in dist/studio is shared by every lake started from this checkout.
  const servedByLake = location?.hostname === `${LOCAL_PROJECT_ID}.localhost` && location.port !== ''
  const lakePort = servedByLake ? location.port : String(parsed.lakePort)
  return {
    mode: 'local',
    projectId: LOCAL_PROJECT_ID,
    dataset: parsed.dataset,
    apiHost: `https://localhost:${lakePort}`,
  }
}

export const studioEnv: StudioEnv = parseStudioEnv(
  {
    SANITY_STUDIO_PROJECT_ID: process.env.SANITY_STUDIO_PROJECT_ID,
    SANITY_STUDIO_DATASET: process.env.SANITY_STUDIO_DATASET,
    SANITY_STUDIO_LAKE_PORT: process.env.SANITY_STUDIO_LAKE_PORT,
  },
  typeof window === 'undefined' ? undefined : window.location,
)
