import { existsSync } from 'node:fs'

// The browser the end-to-end tests and the benchmarks drive. Nothing here downloads a browser of its own.
export const DEBIAN_CHROMIUM = '/usr/bin/chromium'

// Debian's chromium where it is installed (CI and this project's machines); Playwright's own browser elsewhere.
export const CHROMIUM_EXECUTABLE: string | undefined = existsSync(DEBIAN_CHROMIUM)
  ? DEBIAN_CHROMIUM
  : undefined

// No sandbox: the runs are as root in a container. The rest keep Chromium from reaching the network on its own
// (updates, sync, QUIC probes).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
