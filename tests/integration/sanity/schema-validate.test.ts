import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../../..')

describe('the Studio schema', () => {
  it('passes `sanity schema validate` with no errors or warnings', { timeout: 120_000 }, async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [resolve(root, 'node_modules/sanity/bin/sanity'), 'schema', 'validate', '--level', 'warning'],
      { cwd: root, env: { ...process.env, SANITY_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' } },
    )
    const output = `${stdout}\n${stderr}`
    expect(output).toMatch(/0 errors/)
    expect(output).toMatch(/0 warnings/)
  })
})
