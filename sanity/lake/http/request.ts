import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2'
import type { Caller } from './auth.ts'
import { RequestBodyError } from './errors.ts'

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

export function splitVersionedPath(pathname: string): { apiVersion: string | null; segments: string[] } {
  const segments = pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment))
  const first = segments[0]
  const match = first === undefined ? null : API_VERSION_SEGMENT.exec(first)
  if (!match?.[1]) return { apiVersion: null, segments }
  return { apiVersion: match[1] === 'X' ? '9999-12-31' : match[1], segments: segments.slice(1) }
}

export const MAX_JSON_BODY_BYTES = 64 * 1024 * 1024

export async function readBody(req: LakeIncoming, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > limit) throw new RequestBodyError(`Request body exceeds ${limit} bytes`)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
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
