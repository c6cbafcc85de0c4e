// `npm run sanity -- <command>`: the unmodified Sanity CLI (`sanity documents query`, `dataset list`, …)
// against the running local lake. The CLI has no API-host setting; it takes one from SANITY_INTERNAL_ENV
// when that is neither "production" nor "staging", and always reaches the project at
// `<projectId>.<host>`, so the lake is given to it as http://localhost:<port> and `*.localhost` names are
// resolved to the lake (localhost-names.ts). The CLI prints a warning about the unknown environment.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { readLakeConfig } from '../config.ts'
import { describeStaleRunFile, lookUpRunningLake, pickOperatorDataDir } from '../running-lake.ts'

const root = resolve(import.meta.dirname, '../../..')
const sanityBin = resolve(root, 'node_modules/sanity/bin/sanity')
const resolverModule = pathToFileURL(resolve(import.meta.dirname, 'localhost-names.ts')).href

/** The lake's listening address as a loopback address the CLI can connect to. */
function loopbackAddressOf(hostname: string): string {
  const bare = hostname.replace(/^\[|\]$/g, '')
  if (bare === '0.0.0.0' || bare === '') return '127.0.0.1'
  if (bare === '::') return '::1'
  return bare
}

async function main(args: string[]): Promise<number> {
  const lakeConfig = readLakeConfig()
  const config = { ...lakeConfig, dataDir: await pickOperatorDataDir(lakeConfig.operatorDataDirs) }
  const lake = await lookUpRunningLake(config.dataDir)
  if (lake.state !== 'running') {
    const why = lake.state === 'stale' ? `: ${describeStaleRunFile(lake)}` : ''
    console.error(
      `No lake is running in ${resolve(config.dataDir)}${why}. Start it with \`npm start\` first.`,
    )
    return 1
  }
  const lakeUrl = new URL(lake.run.url)
  const token = process.env.SANITY_AUTH_TOKEN || lake.editorToken
  if (!token) {
    console.error('No editor token; create one with `npm run lake -- tokens create --role editor`.')
    return 1
  }
  const child = spawn(process.execPath, [sanityBin, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      SANITY_INTERNAL_ENV: `${lakeUrl.protocol}//localhost:${lakeUrl.port}`,
      SANITY_AUTH_TOKEN: token,
      SANITY_TELEMETRY_DISABLED: '1',
      LAKE_LOOPBACK_ADDRESS: loopbackAddressOf(lakeUrl.hostname),
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${resolverModule}`].filter(Boolean).join(' '),
    },
  })
  return new Promise((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0))))
}

process.exitCode = await main(process.argv.slice(2))
