// Checks on a form or server-action POST that Next would otherwise answer with a bare 500 (issue #14). Pure, so the
// proxy (proxy.ts) and the tests share it.

type HeaderReader = { get(name: string): string | null }

/** Next's default `serverActions.bodySizeLimit` (1 MB): a bigger action body fails inside Next with a 500. */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024

export type ActionRefusal = 'cross-site' | 'too-large'

/**
 * `cross-site`: the browser says the form came from another origin. The same rule as Next's own CSRF check in
 * next/dist/server/app-render/action-handler.js (Origin's host against X-Forwarded-Host, else Host; no Origin
 * passes), which aborts the action with a 500; answered first, it becomes a 403 the reader can read.
 * `too-large`: a declared body over MAX_ACTION_BODY_BYTES. A chunked body carries no length and is left to Next.
 */
export function checkActionRequest(request: { method: string; headers: HeaderReader }): ActionRefusal | null {
  if (request.method !== 'POST') return null
  const { headers } = request
  const origin = headers.get('origin')
  if (origin !== null) {
    const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host')
    if (!host || hostOf(origin) !== host) return 'cross-site'
  }
  const length = Number(headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(length) && length > MAX_ACTION_BODY_BYTES) return 'too-large'
  return null
}

/** `null` for an opaque origin (`Origin: null`) or one that is not a URL: neither matches any host. */
function hostOf(origin: string): string | null {
  if (origin === 'null') return null
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}
