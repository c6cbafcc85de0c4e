// Serves a built Sanity Studio (`sanity build`) under /studio/ from the lake's own origin, so that one
// certificate acceptance in the browser covers both the Studio and the API it calls.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { LakeIncoming, LakeOutgoing } from './request.ts'
import { startResponse } from './respond.ts'

export const STUDIO_BASE_PATH = '/studio'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

export function isStudioPath(pathname: string): boolean {
  return pathname === STUDIO_BASE_PATH || pathname.startsWith(`${STUDIO_BASE_PATH}/`)
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path)
    return info.isFile() ? info.size : null
  } catch {
    return null
  }
}

/** Answers GET/HEAD for /studio/…: the file when it exists, else the Studio's index.html (its own router decides). */
export async function serveStudioFile(
  req: LakeIncoming,
  res: LakeOutgoing,
  studioDir: string,
  pathname: string,
): Promise<void> {
  if (pathname === STUDIO_BASE_PATH) {
    startResponse(res, 308, { location: `${STUDIO_BASE_PATH}/` })
    res.end()
    return
  }
  let relative: string
  try {
    relative = decodeURIComponent(pathname.slice(STUDIO_BASE_PATH.length + 1))
  } catch {
    relative = ''
  }
  const root = normalize(studioDir + sep)
  const candidate = normalize(join(root, relative))
  // A path that climbs out of the Studio folder is served the index, never the file it names.
  const inside = candidate.startsWith(root) && relative !== ''
  let file = inside ? candidate : join(root, 'index.html')
  let size = await fileSize(file)
  if (size === null) {
    file = join(root, 'index.html')
    size = await fileSize(file)
  }
  if (size === null) {
    startResponse(res, 404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('The Studio has not been built. Run npm start, which builds it.\n')
    return
  }
  // Vite names built assets by content hash, so they never change; the index must always be fresh.
  const immutable = relative.startsWith('static/') && file !== join(root, 'index.html')
  startResponse(res, 200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': String(size),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  createReadStream(file).pipe(res)
}
