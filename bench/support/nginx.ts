// A private nginx serving one static file on a loopback port: the "as fast as this machine serves these bytes"
// reference for the article page. Own config, own pid and logs in a temp folder; never the system's nginx.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { waitForHttp } from '../../scripts/lib/child.ts'
import { track } from './running.ts'
import { BENCH_HOST } from './settings.ts'

const NGINX_CANDIDATES = [
  '/usr/sbin/nginx',
  '/usr/bin/nginx',
  '/usr/local/sbin/nginx',
  '/usr/local/bin/nginx',
]
// Next's `compress` uses the `compression` package, whose default is zlib's level 6; nginx's default is 1.
const GZIP_LEVEL = 6

export type StaticServer = { name: string; url: string; stop(): Promise<void> }

export function findNginx(): string | null {
  return NGINX_CANDIDATES.find((path) => existsSync(path)) ?? null
}

function buildConfig(dir: string, port: number, gzip: boolean, precompressed: boolean): string {
  // One worker: `next start` is one process on one core too, so the two compare like for like.
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  gzip ${gzip && !precompressed ? 'on' : 'off'};
  gzip_static ${precompressed ? 'on' : 'off'};
  gzip_comp_level ${GZIP_LEVEL};
  gzip_min_length 1024;
  server {
    listen ${BENCH_HOST}:${port};
    root ${dir}/www;
  }
}
`
}

/**
 * Serves `html` at `/<fileName>` on `port`; `gzip` compresses for clients that accept it, `precompressed` serves
 * these gzip bytes instead (a cache front stores Next's gzip answer and serves it as it is).
 */
export async function startStaticServer(options: {
  html: string
  fileName: string
  port: number
  gzip: boolean
  precompressed?: Buffer
}): Promise<StaticServer> {
  const binary = findNginx()
  if (binary === null) throw new Error('nginx not installed')
  const dir = await mkdtemp(join(tmpdir(), 'bench-nginx-'))
  // nginx started as root runs its worker as `nobody`, which must be able to read the file.
  await chmod(dir, 0o755)
  await writeFile(
    join(dir, 'nginx.conf'),
    buildConfig(dir, options.port, options.gzip, options.precompressed !== undefined),
  )
  const www = join(dir, 'www')
  await mkdir(www, { mode: 0o755 })
  await writeFile(join(www, options.fileName), options.html, { mode: 0o644 })
  if (options.precompressed !== undefined)
    await writeFile(join(www, `${options.fileName}.gz`), options.precompressed, { mode: 0o644 })

  const child = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://${BENCH_HOST}:${options.port}/${options.fileName}`
  const server = track({
    name: 'nginx',
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        // SIGQUIT: nginx's graceful stop; the master takes its worker with it.
        process.kill(-child.pid, 'SIGQUIT')
        const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5_000)
        await exited
        clearTimeout(timer)
      }
      await rm(dir, { recursive: true, force: true })
    },
  })
  try {
    await waitForHttp(url, 10_000)
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr.trim()}`)
  } catch (error) {
    await server.stop()
    throw new Error(`nginx did not start: ${stderr.trim()}`, { cause: error })
  }
  return server
}
