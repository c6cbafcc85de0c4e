// autocannon ships no types. Only the options the benchmarks pass are declared; the result is `unknown` on
// purpose and parsed with zod in load.ts, like any other outside data.
declare module 'autocannon' {
  type AutocannonOptions = {
    url: string
    connections?: number
    duration?: number
    amount?: number
    method?: 'GET' | 'POST'
    headers?: Record<string, string>
    body?: string
    timeout?: number
  }
  // The instance is an EventEmitter with then/catch: awaitable, though not a real Promise.
  export default function autocannon(options: AutocannonOptions): PromiseLike<unknown>
}
