// Runs the cache front (deploy/nginx/front.conf.template) as a child: its own config, pid and cache in a folder of
// the stack's, never the system's nginx.
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type ManagedChild, startChild } from './child.ts'

export const FRONT_TEMPLATE = resolve(import.meta.dirname, '../../deploy/nginx/front.conf.template')
const NGINX_CANDIDATES = [
  '/usr/sbin/nginx',
  '/usr/bin/nginx',
  '/usr/local/sbin/nginx',
  '/usr/local/bin/nginx',
]

export type FrontOptions = {
  dir: string
  host: string
  port: number
  upstreams: readonly string[]
  /** How long a page is served from the front before a background refresh; default 1s. */
  pageTtl?: string
  /** nginx worker processes; default `auto`. */
  workers?: number | 'auto'
  /** The site's CACHE_FRONT_SECRET: requests carrying it refresh a page. */
  refreshSecret: string
}

export function findNginx(): string | null {
  return NGINX_CANDIDATES.find((path) => existsSync(path)) ?? null
}

/** Fills in the template's {{placeholders}}; throws on one it does not know, so the two never drift apart. */
export function renderFrontConfig(template: string, options: FrontOptions): string {
  const values: Record<string, string> = {
    // Started by a normal user, nginx's workers run as that user. Started as root they would switch to `nobody`,
    // who cannot reach a data folder under a private (0700) parent: keep them the invoking user in both cases.
    user: process.getuid?.() === 0 ? 'user root root;' : '',
    workers: String(options.workers ?? 'auto'),
    run_dir: options.dir,
    cache_dir: join(options.dir, 'cache'),
    listen: `${options.host}:${options.port}`,
    upstreams: options.upstreams
      .map((address) => `    server ${address} max_fails=1 fail_timeout=2s;`)
      .join('\n'),
    page_ttl: options.pageTtl ?? '1s',
    refresh_secret: options.refreshSecret,
  }
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`${FRONT_TEMPLATE} has an unknown placeholder {{${name}}}`)
    return value
  })
}

export async function startFront(options: FrontOptions): Promise<ManagedChild> {
  const binary = findNginx()
  if (binary === null)
    throw new Error(
      'nginx is not installed: the cache front needs it (Debian/Ubuntu: apt-get install nginx-light)',
    )
  await rm(options.dir, { recursive: true, force: true })
  await mkdir(join(options.dir, 'cache'), { recursive: true })
  const config = join(options.dir, 'nginx.conf')
  await writeFile(config, `daemon off;\n${renderFrontConfig(readFileSync(FRONT_TEMPLATE, 'utf8'), options)}`)
  return startChild({ name: 'front', command: binary, args: ['-p', options.dir, '-c', config] })
}
