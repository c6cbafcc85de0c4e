import type { OutgoingHttpHeaders } from 'node:http'
import { constants, Http2ServerResponse } from 'node:http2'
import type { LakeIncoming, LakeOutgoing } from './request.ts'

/** Headers HTTP/2 forbids (RFC 9113 §8.2.2); node:http2 throws if a response sets one. */
const CONNECTION_HEADERS = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']

/** `writeHead` for both transports; connection-specific headers are dropped on HTTP/2. */
export function startResponse(res: LakeOutgoing, status: number, headers: OutgoingHttpHeaders): void {
  if (res instanceof Http2ServerResponse) {
    const allowed: OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(headers)) {
      if (!CONNECTION_HEADERS.includes(name.toLowerCase())) allowed[name] = value
    }
    res.writeHead(status, allowed)
  } else {
    res.writeHead(status, headers)
  }
}

/** Sends the status line and headers now (HTTP/1.1); HTTP/2 sends them with the first data frame. */
export function flushResponseHeaders(res: LakeOutgoing): void {
  if (!(res instanceof Http2ServerResponse)) res.flushHeaders()
}

/**
 * After an early answer, tells an HTTP/2 client to stop sending the request body (RFC 9113 §8.1: RST_STREAM
 * with NO_ERROR once the response is complete). Over HTTP/1.1 the connection itself is dropped (see readBody).
 */
export function abandonRequestBody(res: LakeOutgoing): void {
  if (res instanceof Http2ServerResponse)
    res.once('finish', () => res.stream.close(constants.NGHTTP2_NO_ERROR))
}

export function writeChunk(res: LakeOutgoing, chunk: string): void {
  if (res instanceof Http2ServerResponse) res.write(chunk)
  else res.write(chunk)
}

export function sendJson(res: LakeOutgoing, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  startResponse(res, status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** The Studio sends credentials from another origin, so the origin is echoed rather than `*`. */
export function setCorsHeaders(req: LakeIncoming, res: LakeOutgoing): void {
  const origin = req.headers.origin
  if (typeof origin !== 'string') return
  res.setHeader('access-control-allow-origin', origin)
  res.setHeader('access-control-allow-credentials', 'true')
  res.setHeader('vary', 'Origin')
}

export function sendPreflight(req: LakeIncoming, res: LakeOutgoing): void {
  setCorsHeaders(req, res)
  startResponse(res, 204, {
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers':
      req.headers['access-control-request-headers'] ?? 'authorization, content-type',
    'access-control-max-age': '600',
  })
  res.end()
}
