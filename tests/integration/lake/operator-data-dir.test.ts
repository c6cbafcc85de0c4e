// Operator commands (`npm run lake -- info`, `npm run sanity`) pick the folder of the lake that is running.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { pickOperatorDataDir } from '@/sanity/lake/running-lake'
import { startTestLake, type TestLake } from '../../support/lake'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'operator-dir-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

describe('pickOperatorDataDir', () => {
  it('picks the second folder when only its lake runs, and the first when none does', async () => {
    const [local, stack] = [await tempDir(), await tempDir()]
    expect(await pickOperatorDataDir([local, stack])).toBe(local)
    const lake: TestLake = await startTestLake({ dataDir: stack, storage: 'memory', tlsPort: null })
    cleanups.push(() => lake.stop())
    expect(await pickOperatorDataDir([local, stack])).toBe(stack)
  })
})
