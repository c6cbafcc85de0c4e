// The Studio runs in the browser: the Sanity CLI inlines SANITY_STUDIO_* variables at build time.
// The Studio always puts the project id in front of the API host, so a local lake must be reached
// as https://localhost (Chromium sends *.localhost to loopback), never as 127.0.0.1.
const DEFAULT_API_HOST = 'https://localhost:4545'

function readVariable(value: string | undefined, fallback: string): string {
  return value === undefined || value === '' ? fallback : value
}

export const studioEnv = Object.freeze({
  projectId: readVariable(process.env.SANITY_STUDIO_PROJECT_ID, 'lakeside'),
  dataset: readVariable(process.env.SANITY_STUDIO_DATASET, 'production'),
  apiHost: readVariable(process.env.SANITY_STUDIO_API_HOST, DEFAULT_API_HOST),
})
