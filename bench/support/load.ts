// One bounded HTTP load run with autocannon against a loopback URL, reduced to the figures the report shows.
import autocannon from 'autocannon'
import { z } from 'zod'

export type LoadRequest = {
  url: string
  connections: number
  seconds: number
  gzip: boolean
}

export type LoadFigures = {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Mean body-and-header bytes per response: shows whether the response really was compressed. */
  bytesPerResponse: number
  /** Non-2xx answers plus connection errors and timeouts: a run with any of these is not a clean figure. */
  failures: number
}

const autocannonResultSchema = z.object({
  duration: z.number().positive(),
  errors: z.number(),
  timeouts: z.number(),
  non2xx: z.number(),
  requests: z.object({ total: z.number() }),
  latency: z.object({ p50: z.number(), p99: z.number() }),
  throughput: z.object({ total: z.number() }),
})

// A request that takes longer than this is counted as a timeout instead of holding the run open.
const REQUEST_TIMEOUT_S = 10

export async function runLoad(request: LoadRequest): Promise<LoadFigures> {
  const raw = await autocannon({
    url: request.url,
    connections: request.connections,
    duration: request.seconds,
    timeout: REQUEST_TIMEOUT_S,
    // Without the header a server must answer uncompressed; with it, both Next and nginx gzip.
    headers: request.gzip ? { 'accept-encoding': 'gzip' } : {},
  })
  const result = autocannonResultSchema.parse(raw)
  const total = result.requests.total
  return {
    requestsPerSecond: total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    bytesPerResponse: total === 0 ? 0 : result.throughput.total / total,
    failures: result.non2xx + result.errors + result.timeouts,
  }
}
