import type { LakeRequest } from './request.ts'
import { sendJson } from './respond.ts'

// The Studio asks Sanity's module CDN whether a newer release exists. The local build points that
// check here (sanity/studio/offline-assets.ts): offline, the newest version known is the running one,
// which the Studio sends as the lower bound of its range (`^6.16.0`).
const RANGE = /^[\^~]?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/

/** `GET /v1/modules/:package/:tag/:range/t:timestamp` and `/v1/modules/by-app/:app/t:ts/:range/:package`. */
export function handleModuleVersion(request: LakeRequest): void {
  // Segments arrive decoded once already; decoding again would turn `%25` into a malformed escape.
  const range = request.segments.find((segment) => RANGE.test(segment))
  const version = range === undefined ? null : (RANGE.exec(range)?.[1] ?? null)
  if (version === null) {
    sendJson(request.res, 404, { error: 'Unknown module version request' })
    return
  }
  sendJson(request.res, 200, { latest: version, packageVersion: version })
}
