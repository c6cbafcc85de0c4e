import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { startTestLake, type TestLake } from '../../support/lake.ts'

type Rpc = {
  id?: number
  result?: unknown
  error?: { code: number }
  method?: string
  params?: { subscription: string; result: Record<string, unknown> }
}

let t: TestLake
const sockets: WebSocket[] = []
beforeAll(async () => {
  t = await startTestLake({ storage: 'memory', heartbeatMs: 100 })
})
afterAll(async () => {
  // Sockets are left open on purpose: closing the lake must end them.
  await t.stop()
  expect(
    sockets.every(
      (socket) => socket.readyState === WebSocket.CLOSED || socket.readyState === WebSocket.CLOSING,
    ),
  ).toBe(true)
})

class BifurClient {
  readonly messages: (Rpc | '♥')[] = []
  #nextId = 1
  #waiters: (() => void)[] = []
  readonly ws: WebSocket
  constructor(ws: WebSocket) {
    this.ws = ws
    ws.on('message', (data) => {
      const text = String(data)
      this.messages.push(text === '♥' ? '♥' : (JSON.parse(text) as Rpc))
      for (const wake of this.#waiters.splice(0)) wake()
    })
  }

  static async open(url: string, options: { ca?: string; servername?: string } = {}): Promise<BifurClient> {
    const ws = new WebSocket(`${url}/v2022-06-30/socket/production?tag=sanity.studio`, options)
    sockets.push(ws)
    const client = new BifurClient(ws)
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    return client
  }

  async waitFor<T>(pick: (message: Rpc | '♥') => T | undefined, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      for (const message of this.messages) {
        const picked = pick(message)
        if (picked !== undefined) return picked
      }
      if (Date.now() > deadline) throw new Error('timed out')
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve)
        setTimeout(resolve, 50)
      })
    }
  }

  async call(method: string, params: Record<string, unknown>): Promise<Rpc> {
    const id = this.#nextId++
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, apiVersion: 'v1' } }))
    return this.waitFor((message) => (message !== '♥' && message.id === id ? message : undefined))
  }

  presenceEvent(type: string): Promise<Record<string, unknown>> {
    return this.waitFor((message) =>
      message !== '♥' && message.method === 'presence_subscription' && message.params?.result.type === type
        ? message.params.result
        : undefined,
    )
  }
}

async function joinAs(
  url: string,
  token: string,
  options: { ca?: string; servername?: string } = {},
): Promise<BifurClient> {
  const client = await BifurClient.open(url, options)
  expect((await client.call('authorization', { authorization: `Bearer ${token}` })).result).toBe(true)
  expect((await client.call('presence_subscribe', {})).result).toEqual(expect.any(String))
  return client
}

describe('bifur presence socket', () => {
  it('sends heartbeats and lets two editors see each other come and go', async () => {
    const wsUrl = t.lake.url.replace(/^http/, 'ws')
    const editor = await joinAs(wsUrl, t.lake.tokens.editor)
    await editor.waitFor((message) => (message === '♥' ? true : undefined))
    const viewer = await joinAs(wsUrl, t.lake.tokens.viewer)
    const viewerId = (await t.viewer.request<{ id: string }>({ url: '/users/me' })).id
    const editorId = (await t.editor.request<{ id: string }>({ url: '/users/me' })).id

    const location = {
      type: 'document',
      documentId: 'post-1',
      path: ['title'],
      lastActiveAt: new Date().toISOString(),
    }
    await viewer.call('presence_announce', { data: { sessionId: 'viewer-session', locations: [location] } })
    expect(await editor.presenceEvent('state')).toEqual({
      type: 'state',
      i: viewerId,
      m: { sessionId: 'viewer-session', locations: [location] },
    })

    await editor.call('presence_rollcall', { session: 'editor-session' })
    expect(await viewer.presenceEvent('rollCall')).toEqual({
      type: 'rollCall',
      i: editorId,
      session: 'editor-session',
    })

    viewer.ws.close()
    expect(await editor.presenceEvent('disconnect')).toEqual({
      type: 'disconnect',
      i: viewerId,
      m: { session: 'viewer-session' },
    })
  })

  it('refuses presence calls before authorization', async () => {
    const client = await BifurClient.open(t.lake.url.replace(/^http/, 'ws'))
    expect((await client.call('presence_subscribe', {})).error?.code).toBe(-32001)
    expect(
      (await client.call('authorization', { authorization: 'Bearer nope-nope-nope-nope-nope-nope-nope' }))
        .error,
    ).toBeDefined()
  })

  it('upgrades on the TLS listener too', async () => {
    if (t.lake.tlsUrl === null || t.lake.caFile === null) throw new Error('TLS listener is off')
    const ca = await readFile(t.lake.caFile, 'utf8')
    const port = new URL(t.lake.tlsUrl).port
    const client = await joinAs(`wss://127.0.0.1:${port}`, t.lake.tokens.editor, {
      ca,
      servername: 'localhost',
    })
    expect(client.messages).toContain('♥')
  })
})
