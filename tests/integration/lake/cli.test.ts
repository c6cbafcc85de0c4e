import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

const run = promisify(execFile)
let t: TestLake
let work: string

function cli(dataDir: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['sanity/lake/cli.ts', ...args], {
    env: { ...process.env, LAKE_DATA_DIR: dataDir },
  })
}

beforeAll(async () => {
  t = await startTestLake()
  work = await mkdtemp(join(tmpdir(), 'lake-cli-'))
})
afterAll(async () => {
  await t.stop()
  await rm(work, { recursive: true, force: true })
})

describe('lake CLI', () => {
  it('exits with 2 and prints usage on unknown arguments', async () => {
    const error = await cli(t.dataDir, 'tokens', 'create', '--role', 'admin').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run lake') })
  })

  it('prints tokens only with --secrets', async () => {
    const plain = JSON.parse((await cli(t.dataDir, 'info', '--json')).stdout)
    expect(plain).toMatchObject({
      url: t.lake.url,
      running: true,
      projectId: 'lakeside',
      dataset: 'production',
    })
    expect(JSON.stringify(plain)).not.toContain(t.lake.tokens.editor)
    const secret = (await cli(t.dataDir, 'info', '--json', '--secrets')).stdout
    expect(secret).toContain(t.lake.tokens.editor)
  })

  it('creates a viewer token that can read drafts and revokes it again', async () => {
    await t.editor.create({ _id: 'drafts.cli-1', _type: 'post' })
    const [id, role, token] = (await cli(t.dataDir, 'tokens', 'create', '--role', 'viewer')).stdout
      .trim()
      .split(' ')
    expect(role).toBe('viewer')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect(
      await t.clientFor(token).fetch('count(*[_id == "drafts.cli-1"])', {}, { perspective: 'raw' }),
    ).toBe(1)
    await cli(t.dataDir, 'tokens', 'revoke', id ?? '')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    await expect(t.clientFor(token).fetch('*[0]')).rejects.toMatchObject({ statusCode: 401 })
  })

  it('imports NDJSON with _sanityAsset pointers and exports a tar.gz another lake can import', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0af' } })
      .png()
      .toBuffer()
    await writeFile(join(work, 'cover.png'), png)
    const ndjson = [
      { _id: 'imp-author', _type: 'author', name: 'Grace' },
      {
        _id: 'imp-post',
        _type: 'post',
        author: { _type: 'reference', _ref: 'imp-author' },
        cover: { _type: 'image', _sanityAsset: 'image@file://./cover.png' },
      },
    ]
    await writeFile(join(work, 'data.ndjson'), ndjson.map((doc) => JSON.stringify(doc)).join('\n'))
    await cli(t.dataDir, 'import', join(work, 'data.ndjson'))
    const post = await t.editor.fetch(
      '*[_id == "imp-post"][0]{"author": author->name, "width": cover.asset->metadata.dimensions.width}',
    )
    expect(post).toEqual({ author: 'Grace', width: 40 })

    const replaced = await cli(t.dataDir, 'import', join(work, 'data.ndjson'), '--replace')
    expect(replaced.stdout).toContain('Imported 2 documents')

    const archive = join(work, 'export.tar.gz')
    await cli(t.dataDir, 'export', archive)
    const other = await startTestLake()
    try {
      await cli(other.dataDir, 'import', archive)
      const copy = await other.editor.fetch(
        '*[_id == "imp-post"][0]{"author": author->name, "width": cover.asset->metadata.dimensions.width}',
      )
      expect(copy).toEqual({ author: 'Grace', width: 40 })
    } finally {
      await other.stop()
    }
  })
})
