// A benchmark that finds its port taken would measure someone else's server (a lake left over from an
// interrupted run answers the same ping): check before starting anything.
import { connect } from 'node:net'
import { BENCH_HOST } from './settings.ts'

function isPortAnswering(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: BENCH_HOST, port })
    socket.setTimeout(1_000)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(false))
  })
}

export async function listBusyPorts(ports: readonly number[]): Promise<number[]> {
  const answers = await Promise.all(ports.map(async (port) => ((await isPortAnswering(port)) ? [port] : [])))
  return answers.flat()
}
