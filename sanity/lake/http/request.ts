import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2'
import type { Caller } from './auth.ts'
import { RequestBodyError, RequestBodyTooLargeError } from './errors.ts'

/** The same handler serves node:http and node:http2's compatibility API (HTTP/2 and HTTP/1.1 over TLS). */
export type LakeIncoming = IncomingMessage | Http2ServerRequest
export type LakeOutgoing = ServerResponse | Http2ServerResponse

export type LakeRequest = {
  req: LakeIncoming
  res: LakeOutgoing
  method: string
  url: URL
  /** `1` or `YYYY-MM-DD`; `null` on unversioned paths (asset CDN). */
  apiVersion: string | null
  segments: string[]
  caller: Caller
}

const API_VERSION_SEGMENT = /^v(1|\d{4}-\d{2}-\d{2}|X)$/

export type VersionedPath = { apiVersion: string | null; segments: string[] }

/** Returns `null` when a segment holds a malformed percent-escape (`%zz`, a lone `%`, half a UTF-8 sequence). */
export function parseVersionedPath(pathname: string): VersionedPath | null {
  const segments: string[] = []
  for (const segment of pathname.split('/')) {
    if (segment === '') continue
    try {
      segments.push(decodeURIComponent(segment))
    } catch {
      return null
    }
  }
  const first = segments[0]
  const match = first === undefined ? null : API_VERSION_SEGMENT.exec(first)
  if (!match?.[1]) return { apiVersion: null, segments }
  return { apiVersion: match[1] === 'X' ? '9999-12-31' : match[1], segments: segments.slice(1) }
}

/** Returns `null` when the request target is not a path a URL can be built from. */
export function parseRequestUrl(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://lake.invalid')
  } catch {
    return null
  }
}

export const MAX_JSON_BODY_BYTES = 64 * 1024 * 1024

/**
 * How long a refused upload may keep its connection. Closing at once, with the client's bytes still unread,
 * makes the kernel reset the connection, and a client still writing then sees that reset instead of the 413.
 */
const REFUSED_BODY_LINGER_MS = 1000

/**
 * Reads a body of at most `limit` bytes. A declared `content-length` past the limit is refused before a byte is
 * read; a body that grows past it (sent chunked, with no length) stops being read at once. Either way the
 * request stays paused, so the rest is never read, and its connection is dropped shortly after the 413 is sent.
 */
export function readBody(req: LakeIncoming, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(refuseBody(req, limit))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = (): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    const onData = (chunk: Buffer | string): void => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
      size += buffer.length
      if (size > limit) {
        stop()
        reject(refuseBody(req, limit))
        return
      }
      chunks.push(buffer)
    }
    const onEnd = (): void => {
      stop()
      resolve(Buffer.concat(chunks))
    }
    const onError = (error: Error): void => {
      stop()
      reject(error)
    }
    const onClose = (): void => {
      stop()
      reject(new RequestBodyError('The request was closed before its body ended'))
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

function refuseBody(req: LakeIncoming, limit: number): RequestBodyTooLargeError {
  req.pause()
  setTimeout(() => req.destroy(), REFUSED_BODY_LINGER_MS).unref()
  return new RequestBodyTooLargeError(limit)
}

export async function readJsonBody(req: LakeIncoming): Promise<unknown> {
  const body = await readBody(req, MAX_JSON_BODY_BYTES)
  if (body.length === 0) return {}
  try {
    return JSON.parse(body.toString('utf8'))
  } catch (error) {
    throw new RequestBodyError('Request body is not valid JSON', { cause: error })
  }
}

/** `$name=<json>` query parameters, as @sanity/client encodes GROQ params. */
export function readGroqParams(url: URL): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of url.searchParams) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(value)
    } catch (error) {
      throw new RequestBodyError(`Parameter "${key}" is not valid JSON`, { cause: error })
    }
  }
  return params
}
