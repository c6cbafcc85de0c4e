import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { z } from 'zod'
import type { PresenceEvent } from '../events/presence-hub.ts'
import type { LakeRuntime } from '../runtime.ts'
import { parseRequestUrl, parseVersionedPath } from './request.ts'

/**
 * The bifur socket (`GET /v2022-06-30/socket/:dataset`, HTTP/1.1 Upgrade): JSON-RPC 2.0 over text
 * frames, used by the Studio for presence and, through the `♥` heartbeats, its connection status.
 */
const rpcRequestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string(), z.number()]).optional(),
  method: z.string(),
  params: z.record(z.string(), z.unknown()).default({}),
})

const announceSchema = z.object({
  data: z.object({ sessionId: z.string(), locations: z.array(z.unknown()).default([]) }),
})
const sessionSchema = z.object({ session: z.string() })
const authorizationSchema = z.object({ authorization: z.string() })
const unsubscribeSchema = z.object({ subscriptionId: z.string() })

const HEARTBEAT = '♥'
const RPC_UNAUTHORIZED = -32001
const RPC_METHOD_NOT_FOUND = -32601
const RPC_INVALID_PARAMS = -32602

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void

export type SocketEndpoint = {
  handleUpgrade: UpgradeHandler
  /** Ends every open socket: upgraded connections keep an HTTP server from closing. */
  close(): void
}

export function createSocketEndpoint(lake: LakeRuntime): SocketEndpoint {
  const server = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  const handleUpgrade: UpgradeHandler = (req, socket, head) => {
    const url = parseRequestUrl(req.url)
    const segments = url === null ? null : parseVersionedPath(url.pathname)?.segments
    const [area, dataset] = segments ?? []
    if (area !== 'socket' || dataset === undefined || segments?.length !== 2) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')
      return
    }
    server.handleUpgrade(req, socket, head, (ws) => {
      serveSocket(ws, dataset, req.headers.authorization, lake)
    })
  }
  return {
    handleUpgrade,
    close() {
      for (const client of server.clients) client.terminate()
    },
  }
}

function serveSocket(
  ws: WebSocket,
  dataset: string,
  upgradeAuthorization: string | undefined,
  lake: LakeRuntime,
): void {
  const connection = randomUUID()
  let userId: string | null = null
  const subscriptions = new Map<string, () => void>()
  const sessions = new Set<string>()
  const send = (message: unknown): void => {
    if (ws.readyState === ws.OPEN) ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  }
  const reply = (id: string | number | undefined, result: unknown): void => {
    if (id !== undefined) send({ jsonrpc: '2.0', id, result })
  }
  const fail = (id: string | number | undefined, code: number, message: string): void => {
    if (id !== undefined) send({ jsonrpc: '2.0', id, error: { code, message } })
  }
  const authorize = async (authorization: string | undefined): Promise<boolean> => {
    const outcome = await lake.tokens.authenticate(authorization)
    if (!outcome.ok || outcome.caller.tokenId === null) return false
    userId = outcome.caller.tokenId
    return true
  }
  const broadcast = (event: PresenceEvent): void => lake.presence.broadcast(dataset, connection, event)

  const handle = async (text: string): Promise<void> => {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return
    }
    const parsed = rpcRequestSchema.safeParse(json)
    if (!parsed.success) return
    const { id, method, params } = parsed.data
    if (method === 'authorization') {
      const input = authorizationSchema.safeParse(params)
      if (input.success && (await authorize(input.data.authorization))) return reply(id, true)
      return fail(id, RPC_UNAUTHORIZED, 'Invalid token')
    }
    const user = userId
    if (user === null) return fail(id, RPC_UNAUTHORIZED, 'Unauthorized')
    switch (method) {
      case 'presence_subscribe': {
        const subscriptionId = randomUUID()
        const unsubscribe = lake.presence.subscribe(subscriptionId, {
          dataset,
          connection,
          deliver: (event) =>
            send({
              jsonrpc: '2.0',
              method: 'presence_subscription',
              params: { subscription: subscriptionId, result: event },
            }),
        })
        subscriptions.set(subscriptionId, unsubscribe)
        return reply(id, subscriptionId)
      }
      case 'presence_unsubscribe': {
        const input = unsubscribeSchema.safeParse(params)
        if (!input.success) return fail(id, RPC_INVALID_PARAMS, 'subscriptionId required')
        subscriptions.get(input.data.subscriptionId)?.()
        subscriptions.delete(input.data.subscriptionId)
        return reply(id, true)
      }
      case 'presence_rollcall': {
        const input = sessionSchema.safeParse(params)
        if (!input.success) return fail(id, RPC_INVALID_PARAMS, 'session required')
        broadcast({ type: 'rollCall', i: user, session: input.data.session })
        return reply(id, true)
      }
      case 'presence_announce': {
        const input = announceSchema.safeParse(params)
        if (!input.success) return fail(id, RPC_INVALID_PARAMS, 'data.sessionId required')
        sessions.add(input.data.data.sessionId)
        broadcast({ type: 'state', i: user, m: input.data.data })
        return reply(id, true)
      }
      case 'presence_disconnect': {
        const input = sessionSchema.safeParse(params)
        if (!input.success) return fail(id, RPC_INVALID_PARAMS, 'session required')
        sessions.delete(input.data.session)
        broadcast({ type: 'disconnect', i: user, m: { session: input.data.session } })
        return reply(id, true)
      }
      default:
        return fail(id, RPC_METHOD_NOT_FOUND, `Unknown method ${method}`)
    }
  }

  // Node clients may authenticate with the upgrade request itself; browsers use the RPC call.
  const ready = upgradeAuthorization ? authorize(upgradeAuthorization) : Promise.resolve(false)
  let queue: Promise<unknown> = ready
  ws.on('message', (data, isBinary) => {
    if (isBinary) return
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8')
    // Messages are handled in arrival order, as JSON-RPC clients over one socket expect.
    queue = queue
      .then(() => handle(text))
      .catch((error: unknown) => console.error('[lake] socket message failed', error))
  })
  send(HEARTBEAT)
  const heartbeat = setInterval(() => send(HEARTBEAT), lake.heartbeatMs)
  ws.on('close', () => {
    clearInterval(heartbeat)
    for (const unsubscribe of subscriptions.values()) unsubscribe()
    // A closed tab never says goodbye itself: tell the others its sessions are gone.
    if (userId !== null)
      for (const session of sessions) broadcast({ type: 'disconnect', i: userId, m: { session } })
  })
}
