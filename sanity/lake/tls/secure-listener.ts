import { createSecureServer } from 'node:http2'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import type { LakeIncoming, LakeOutgoing } from '../http/request.ts'
import type { UpgradeHandler } from '../http/socket.ts'
import { loadOrCreateLocalTls } from './local-tls.ts'

export type SecureListener = { port: number; caFile: string; close(): Promise<void> }

/**
 * HTTP/2 over TLS beside the plain listener. Browsers open at most six HTTP/1.1 connections per
 * host and the Studio keeps six to eight listeners open, so it needs HTTP/2 (and browsers speak
 * HTTP/2 only over TLS). `allowHTTP1` keeps HTTP/1.1 clients and WebSocket upgrades working.
 */
export async function startSecureListener(options: {
  dataDir: string
  host: string
  port: number
  projectId: string
  handler: (req: LakeIncoming, res: LakeOutgoing) => void
  onUpgrade: UpgradeHandler
}): Promise<SecureListener> {
  const tls = loadOrCreateLocalTls(join(options.dataDir, 'tls'), [
    'localhost',
    `${options.projectId}.localhost`,
    '*.localhost',
  ])
  const server = createSecureServer({ cert: tls.cert, key: tls.key, allowHTTP1: true }, options.handler)
  server.on('upgrade', options.onUpgrade)
  // HTTP/2 sessions and TLS sockets outlive `server.close()`; they are ended explicitly on close.
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      const address: AddressInfo | string | null = server.address()
      if (address === null || typeof address === 'string') reject(new Error('TLS server has no TCP address'))
      else resolve(address.port)
    })
  })
  return {
    port,
    caFile: tls.caFile,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }
}
