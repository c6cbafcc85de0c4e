import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLake, type TestLake } from '../../support/lake.ts'

let t: TestLake
beforeAll(async () => {
  t = await startTestLake({ storage: 'memory' })
})
afterAll(async () => {
  await t.stop()
})

function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  return promise.then(
    () => 200,
    (error: unknown) => (error as { statusCode?: number }).statusCode,
  )
}

describe('project endpoints', () => {
  it('knows the editor and the viewer as users and turns anonymous callers away', async () => {
    const editor = await t.editor.request<{ id: string; name: string; role: string }>({ url: '/users/me' })
    expect(editor).toMatchObject({
      id: expect.stringMatching(/^tok-/),
      name: 'Local Editor',
      role: 'administrator',
    })
    const viewer = await t.viewer.request<{ name: string }>({ url: '/users/me' })
    expect(viewer.name).toBe('Local Viewer')
    expect(await statusOf(t.anonymous.request({ url: '/users/me' }))).toBe(401)

    const one = await t.viewer.request<{ id: string; displayName: string }>({ url: `/users/${editor.id}` })
    expect(one).toEqual({ id: editor.id, displayName: 'Local Editor', imageUrl: null })
    const several = await t.viewer.request<unknown[]>({ url: `/users/${editor.id},nobody` })
    expect(several).toHaveLength(1)
  })

  it('grants an editor everything and a viewer only reading', async () => {
    const editorAcl = await t.editor.request<{ permissions: string[] }[]>({
      url: '/projects/lakeside/datasets/production/acl',
    })
    expect(editorAcl[0]?.permissions).toEqual(expect.arrayContaining(['read', 'create', 'update']))
    const viewerAcl = await t.viewer.request<{ permissions: string[] }[]>({
      url: '/projects/lakeside/datasets/production/acl',
    })
    expect(viewerAcl[0]?.permissions).toEqual(['read', 'history'])
    const grants = await t.viewer.request<Record<string, { grants: { name: string }[] }[]>>({
      url: '/projects/lakeside/grants',
    })
    expect(grants['sanity.document.filter.mode']?.[0]?.grants.map((grant) => grant.name)).not.toContain(
      'update',
    )
  })

  it('describes the project and its datasets', async () => {
    const project = await t.editor.request<{ id: string; members: { isCurrentUser: boolean }[] }>({
      url: '/projects/lakeside?includeMembers=false&includeOrganization=true',
    })
    expect(project.id).toBe('lakeside')
    expect(project.members[0]?.isCurrentUser).toBe(true)
    expect(await t.editor.request({ url: '/projects/lakeside/datasets' })).toEqual([
      { name: 'production', aclMode: 'public' },
    ])
    // What `client.datasets.list()` and `sanity dataset list` ask the project host for.
    expect(await t.editor.datasets.list()).toEqual([{ name: 'production', aclMode: 'public' }])
  })

  it('keeps per-user key-value pairs across restarts', async () => {
    const dataDir = t.dataDir
    const own = await startTestLake({ dataDir: `${dataDir}-kv`, storage: 'memory' })
    await own.editor.request({
      method: 'PUT',
      url: '/users/me/keyvalue',
      body: [{ key: 'studio.layout', value: { a: 1 } }],
    })
    expect(await own.viewer.request({ url: '/users/me/keyvalue/studio.layout,other' })).toEqual([
      { key: 'studio.layout', value: null },
      { key: 'other', value: null },
    ])
    await own.lake.close()
    const again = await startTestLake({ dataDir: `${dataDir}-kv`, storage: 'memory' })
    expect(await again.editor.request({ url: '/users/me/keyvalue/studio.layout,other' })).toEqual([
      { key: 'studio.layout', value: { a: 1 } },
      { key: 'other', value: null },
    ])
    await again.lake.close()
    await rm(`${dataDir}-kv`, { recursive: true, force: true })
  })

  it('answers the hosted-only probes the Studio makes', async () => {
    expect(await t.editor.request({ url: '/features' })).toEqual([])
    expect(await t.editor.request({ url: '/intake/telemetry-status' })).toEqual({ status: 'denied' })
    expect(await t.editor.request({ method: 'POST', url: '/intake/batch', body: [{ event: 'x' }] })).toEqual(
      {},
    )
    expect(await t.editor.request({ url: '/help' })).toEqual({})
    expect(await t.editor.request({ url: '/ping' })).toEqual({ message: 'PONG' })
    expect(await t.editor.request({ url: '/journey/trial' })).toBeNull()
    expect(await t.editor.request({ url: '/projects/lakeside/user-applications' })).toEqual([])
    expect(await t.editor.request({ url: '/schedules/lakeside/production?limit=1' })).toEqual({
      schedules: [],
    })
    expect(await t.editor.request({ url: '/access/requests/me' })).toEqual([])
    expect(await t.editor.request({ url: '/projects/lakeside/roles' })).toHaveLength(2)
    expect(
      await t.editor.request({ url: '/projects/lakeside/datasets/production/settings/indexing' }),
    ).toEqual({})
    expect(await t.editor.request({ url: '/subscriptions/project/lakeside' })).toEqual({})
    expect(await t.editor.request({ method: 'POST', url: '/auth/logout' })).toEqual({})
  })
})
