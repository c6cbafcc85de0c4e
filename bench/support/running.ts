// Everything a benchmark starts (servers, browsers, nginx) is listed here until it is stopped, so Ctrl-C or a
// crash of the orchestrator still stops it: the children run in their own process groups and would outlive us.

export type Running = { name: string; stop(): Promise<void> }

const running = new Set<Running>()

/** Lists `resource` until its `stop` runs; returns the resource with a `stop` that also unlists it. */
export function track<T extends Running>(resource: T): T {
  running.add(resource)
  const stop = resource.stop.bind(resource)
  resource.stop = async () => {
    running.delete(resource)
    await stop()
  }
  return resource
}

/** Stops whatever is still listed, newest first; one failing stop does not keep the others running. */
export async function stopEverything(): Promise<string[]> {
  const failures: string[] = []
  for (const resource of [...running].reverse()) {
    try {
      await resource.stop()
    } catch (error) {
      failures.push(`${resource.name}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return failures
}
