import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLakeClient } from '../../support/lake.ts'

const PROJECT = 'lakeside'
const DATASET = 'production'
let children: ChildProcess[] = []
let dirs: string[] = []

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL')
  children = []
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  dirs = []
})

async function spawnLake(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['sanity/lake/main.ts'], {
    env: { ...process.env, LAKE_DATA_DIR: dataDir, LAKE_PORT: '0', LAKE_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/[^\s]+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`lake exited early with ${code}`)))
  })
  return { child, url }
}

async function editorToken(dataDir: string): Promise<string> {
  const file = JSON.parse(await readFile(join(dataDir, 'tokens.json'), 'utf8')) as {
    tokens: { role: string; token: string }[]
  }
  const editor = file.tokens.find((token) => token.role === 'editor')
  if (!editor) throw new Error('no editor token')
  return editor.token
}

describe('crash safety', () => {
  it('keeps every acknowledged transaction and no half transaction after SIGKILL', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lake-crash-'))
    dirs.push(dataDir)
    const first = await spawnLake(dataDir)
    const client = createLakeClient(
      { url: first.url, projectId: PROJECT, dataset: DATASET },
      await editorToken(dataDir),
    )
    const acknowledged: number[] = []
    let next = 0
    let stopped = false
    const writer = async (): Promise<void> => {
      while (!stopped) {
        const n = next++
        try {
          await client
            .transaction()
            .createOrReplace({ _id: `pair-${n}-a`, _type: 'pair', n })
            .createOrReplace({ _id: `pair-${n}-b`, _type: 'pair', n })
            .commit({ returnDocuments: false })
          acknowledged.push(n)
        } catch {
          return
        }
      }
    }
    const writers = Array.from({ length: 8 }, () => writer())
    await new Promise((resolve) => setTimeout(resolve, 700))
    first.child.kill('SIGKILL')
    stopped = true
    await Promise.all(writers)
    expect(acknowledged.length).toBeGreaterThan(20)

    const second = await spawnLake(dataDir)
    const reader = createLakeClient(
      { url: second.url, projectId: PROJECT, dataset: DATASET },
      await editorToken(dataDir),
    )
    const docs = await reader.fetch<{ _id: string; n: number; _rev: string }[]>(
      '*[_type == "pair"]{_id, n, _rev}',
    )
    const byId = new Map(docs.map((doc) => [doc._id, doc]))
    for (const n of acknowledged) {
      expect(byId.get(`pair-${n}-a`)?.n).toBe(n)
      expect(byId.get(`pair-${n}-b`)?.n).toBe(n)
    }
    for (const doc of docs) {
      const twin = byId.get(
        doc._id.endsWith('-a') ? doc._id.replace(/-a$/, '-b') : doc._id.replace(/-b$/, '-a'),
      )
      expect(twin?._rev).toBe(doc._rev)
    }
  })
})
