import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  buildStampOf,
  isBuildCurrent,
  NEXT_BUILD as target,
  recordBuild,
} from '../../../../scripts/lib/build-stamp.ts'

function aProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'stamp-'))
  mkdirSync(join(root, 'app'))
  writeFileSync(join(root, 'app', 'page.tsx'), 'export default function Page() {}')
  writeFileSync(join(root, 'package-lock.json'), '{}')
  return root
}

describe('buildStampOf', () => {
  it('stays the same while nothing changes', () => {
    const root = aProject()
    expect(buildStampOf(root, target, {})).toBe(buildStampOf(root, target, {}))
  })

  it('changes when a source file changes', () => {
    const root = aProject()
    const before = buildStampOf(root, target, {})
    writeFileSync(join(root, 'app', 'page.tsx'), 'export default function Page() { return null }')
    expect(buildStampOf(root, target, {})).not.toBe(before)
  })

  it('changes when the embedded Studio’s config changes', () => {
    const root = aProject()
    mkdirSync(join(root, 'sanity', 'studio'), { recursive: true })
    writeFileSync(join(root, 'sanity', 'studio', 'hosting.ts'), 'export const a = 1')
    const before = buildStampOf(root, target, {})
    writeFileSync(join(root, 'sanity', 'studio', 'hosting.ts'), 'export const a = 2')
    expect(buildStampOf(root, target, {})).not.toBe(before)
  })

  it('changes when a baked-in setting changes', () => {
    const root = aProject()
    expect(buildStampOf(root, target, { SITE_URL: 'http://a' })).not.toBe(
      buildStampOf(root, target, { SITE_URL: 'http://b' }),
    )
  })
})

describe('isBuildCurrent', () => {
  it('is false without a build and true after the build is recorded', () => {
    const root = aProject()
    const stamp = buildStampOf(root, target, {})
    expect(isBuildCurrent(root, target, stamp)).toBe(false)
    mkdirSync(join(root, '.next'))
    writeFileSync(join(root, '.next', 'BUILD_ID'), 'x')
    recordBuild(root, target, stamp)
    expect(isBuildCurrent(root, target, stamp)).toBe(true)
    expect(isBuildCurrent(root, target, 'another')).toBe(false)
  })
})
