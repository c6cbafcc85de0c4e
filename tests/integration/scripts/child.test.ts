import { describe, expect, it } from 'vitest'
import { startChild, stopChild } from '../../../scripts/lib/child.ts'

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('stopChild', () => {
  it('stops the child and the grandchildren it spawned, leaving no orphan', async () => {
    // The child spawns a grandchild that ignores SIGTERM and prints its pid.
    const script = `
      const { spawn } = require('node:child_process')
      const grandchild = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' })
      console.log('grandchild ' + grandchild.pid)
      setInterval(() => {}, 1000)
    `
    const child = startChild({ name: 'tree', command: process.execPath, args: ['-e', script] })
    const grandchildPid = await new Promise<number>((resolve) => {
      child.process.stdout?.on('data', (chunk: Buffer) => {
        const match = /grandchild (\d+)/.exec(chunk.toString())
        if (match?.[1]) resolve(Number(match[1]))
      })
    })
    expect(isAlive(grandchildPid)).toBe(true)

    await stopChild(child, 500)

    expect(child.process.pid && isAlive(child.process.pid)).toBe(false)
    await expect.poll(() => isAlive(grandchildPid), { timeout: 5_000 }).toBe(false)
  })
})
