// Issue #14: a lake killed with SIGKILL leaves `lake.json` behind. The operator commands must say that no
// lake runs instead of reporting or calling a dead server, the next start must replace the file, and a
// second lake must not start on a data folder a live one is using.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'

const LAKE_MAIN = resolve(import.meta.dirname, '../../sanity/lake/main.ts')
const LAKE_CLI = resolve(import.meta.dirname, '../../sanity/lake/cli.ts')
const run = promisify(execFile)
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    if (await check().catch(() => false)) return
  }
  throw new Error(`gave up waiting for ${what}`)
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise((done) => server.close(done))
  return port
}

const runFileSchema = z.object({ url: z.string(), pid: z.number() })
const readRunFile = async (dataDir: string) =>
  runFileSchema.parse(JSON.parse(await readFile(join(dataDir, 'lake.json'), 'utf8')))

type LakeProcess = { child: ChildProcess; url: string; stderr: () => string; exited: Promise<number | null> }

function spawnLake(dataDir: string, port: number): LakeProcess {
  const child = spawn(process.execPath, [LAKE_MAIN], {
    env: {
      ...process.env,
      LAKE_DATA_DIR: dataDir,
      LAKE_HOST: '127.0.0.1',
      LAKE_PORT: String(port),
      LAKE_TLS_PORT: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })
  return { child, url: `http://127.0.0.1:${port}`, stderr: () => stderr, exited }
}

async function startLakeProcess(dataDir: string): Promise<LakeProcess> {
  const lake = spawnLake(dataDir, await freePort())
  await waitFor('the lake to answer', async () => (await fetch(`${lake.url}/v1/ping`)).ok)
  // The lake answers as soon as it listens and writes lake.json a moment later, after its TLS listener.
  await waitFor(
    'the lake to write lake.json',
    async () => (await readRunFile(dataDir)).pid === lake.child.pid,
  )
  return lake
}

function cli(dataDir: string, ...args: string[]) {
  return run(process.execPath, [LAKE_CLI, ...args], {
    env: { ...process.env, LAKE_DATA_DIR: dataDir },
    timeout: 20_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string; killed?: boolean }) => ({
      code: error.killed ? 'timed out' : (error.code ?? 'failed'),
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  )
}

async function aDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'reliability-run-file-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

describe('lake.json after kill -9', () => {
  it('makes the operator commands say that no lake runs, and the next start replaces it', async () => {
    const dataDir = await aDataDir()
    const first = await startLakeProcess(dataDir)
    const announced = await readRunFile(dataDir)
    expect(announced).toMatchObject({ url: first.url, pid: first.child.pid })
    first.child.kill('SIGKILL')
    await first.exited
    // The file outlives the lake: nothing ran to remove it.
    expect(await readRunFile(dataDir)).toEqual(announced)

    const info = await cli(dataDir, 'info', '--json')
    expect(info.code).toBe(0)
    expect(JSON.parse(info.stdout)).toMatchObject({
      running: false,
      staleRunFile: { pid: announced.pid, url: announced.url, reason: 'process-gone' },
    })
    const text = await cli(dataDir, 'info')
    expect(text.stdout).toContain('(not running)')
    expect(text.stdout).toContain(`process ${announced.pid} is gone`)

    const exported = await cli(dataDir, 'export', join(dataDir, 'out.tar.gz'))
    expect(exported.code).toBe(1)
    expect(exported.stderr).toContain('No lake is running')
    expect(exported.stderr).toContain(`process ${announced.pid} is gone`)

    const second = await startLakeProcess(dataDir)
    expect(second.stderr()).toContain(`process ${announced.pid} is gone`)
    expect(await readRunFile(dataDir)).toMatchObject({ url: second.url, pid: second.child.pid })
    const after = JSON.parse((await cli(dataDir, 'info', '--json')).stdout)
    expect(after).toMatchObject({ running: true, url: second.url })
    expect(after).not.toHaveProperty('staleRunFile')
  })

  it('counts a run file whose process lives but does not answer as stale', async () => {
    const dataDir = await aDataDir()
    const lake = await startLakeProcess(dataDir)
    const announced = await readRunFile(dataDir)
    // A stopped lake keeps its pid and its port but answers nothing, as a hung one would.
    lake.child.kill('SIGSTOP')
    cleanups.push(async () => {
      lake.child.kill('SIGCONT')
    })
    const info = await cli(dataDir, 'info', '--json')
    expect(JSON.parse(info.stdout)).toMatchObject({
      running: false,
      staleRunFile: { pid: announced.pid, reason: 'not-answering' },
    })
    const imported = await cli(dataDir, 'import', join(dataDir, 'nothing.ndjson'))
    expect(imported.code).toBe(1)
    expect(imported.stderr).toContain('does not answer')
  })

  it('refuses to start a second lake on a data folder a live lake uses', async () => {
    const dataDir = await aDataDir()
    const first = await startLakeProcess(dataDir)
    const second = spawnLake(dataDir, await freePort())
    expect(await Promise.race([second.exited, sleep(30_000).then(() => 'still running')])).toBe(1)
    expect(second.stderr()).toContain(`already runs on ${dataDir}`)
    expect(await readRunFile(dataDir)).toMatchObject({ url: first.url, pid: first.child.pid })
    expect((await fetch(`${first.url}/v1/ping`)).ok).toBe(true)
  })
})
