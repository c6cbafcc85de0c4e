// Debian's Chromium with the flags every browser benchmark uses. Nothing downloads a browser of its own.

export const CHROMIUM_PATH = '/usr/bin/chromium'

// No sandbox: the benchmark runs as root in a container. The rest keep Chromium from reaching the network
// on its own (updates, sync, QUIC probes) while it is being measured.
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const
