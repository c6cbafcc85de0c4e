/** A minimal Server-Sent Events reader for tests that need raw ids and headers. */
export type SseEvent = { event: string; id: string | undefined; data: unknown }

export type SseStream = {
  /** Resolves with the next `count` events (comments skipped). */
  next(count: number, timeoutMs?: number): Promise<SseEvent[]>
  close(): void
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  const controller = new AbortController()
  const response = await fetch(url, { headers, signal: controller.signal })
  if (!response.body) throw new Error(`no body (status ${response.status})`)
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const ready: SseEvent[] = []
  const pull = async (): Promise<void> => {
    const { value, done } = await reader.read()
    if (done) throw new Error('stream ended')
    buffer += decoder.decode(value, { stream: true })
    let end = buffer.indexOf('\n\n')
    while (end !== -1) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const fields = new Map<string, string>()
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue
        const colon = line.indexOf(':')
        if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart())
      }
      const event = fields.get('event')
      const data = fields.get('data')
      if (event !== undefined)
        ready.push({ event, id: fields.get('id'), data: data === undefined ? null : JSON.parse(data) })
      end = buffer.indexOf('\n\n')
    }
  }
  return {
    async next(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (ready.length < count) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} events`)
        await pull()
      }
      return ready.splice(0, count)
    },
    close() {
      controller.abort()
    },
  }
}
