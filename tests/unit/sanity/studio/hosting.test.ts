import { describe, expect, it } from 'vitest'
import { buildHostingOptions } from '@/sanity/studio/hosting'
import { parseStudioEnv } from '@/sanity/studio/studio-env'

describe('parseStudioEnv', () => {
  it('targets the embedded lake over https on localhost when no project id is set', () => {
    expect(parseStudioEnv({})).toEqual({
      mode: 'local',
      projectId: 'lakeside',
      dataset: 'production',
      apiHost: 'https://localhost:4546',
    })
  })

  it('treats empty variables as unset', () => {
    expect(parseStudioEnv({ SANITY_STUDIO_PROJECT_ID: '', SANITY_STUDIO_LAKE_PORT: '' })).toMatchObject({
      mode: 'local',
      apiHost: 'https://localhost:4546',
    })
  })

  it('uses the lake port it is given', () => {
    expect(parseStudioEnv({ SANITY_STUDIO_LAKE_PORT: '5000' })).toMatchObject({
      apiHost: 'https://localhost:5000',
    })
  })

  it('calls the port it was served from when the lake serves it, whatever port it was built for', () => {
    const served = { hostname: 'lakeside.localhost', port: '4646' }
    expect(parseStudioEnv({ SANITY_STUDIO_LAKE_PORT: '4846' }, served)).toMatchObject({
      apiHost: 'https://localhost:4646',
    })
    expect(
      parseStudioEnv({ SANITY_STUDIO_LAKE_PORT: '4846' }, { hostname: 'localhost', port: '3333' }),
    ).toMatchObject({
      apiHost: 'https://localhost:4846',
    })
  })

  it('switches to hosted Sanity when a project id is set', () => {
    expect(parseStudioEnv({ SANITY_STUDIO_PROJECT_ID: 'abc123', SANITY_STUDIO_DATASET: 'staging' })).toEqual({
      mode: 'hosted',
      projectId: 'abc123',
      dataset: 'staging',
    })
  })

  it('refuses a malformed project id or port', () => {
    expect(() => parseStudioEnv({ SANITY_STUDIO_PROJECT_ID: 'Not An Id' })).toThrow()
    expect(() => parseStudioEnv({ SANITY_STUDIO_LAKE_PORT: 'http' })).toThrow()
  })
})

describe('buildHostingOptions', () => {
  it('switches off every hosted-only feature for the local lake and signs in by token', () => {
    const options = buildHostingOptions(parseStudioEnv({}))
    expect(options).toEqual({
      projectId: 'lakeside',
      dataset: 'production',
      apiHost: 'https://localhost:4546',
      auth: { loginMethod: 'token' },
      tasks: { enabled: false },
      releases: { enabled: false },
      scheduledDrafts: { enabled: false },
      scheduledPublishing: { enabled: false },
      announcements: { enabled: false },
      apps: { canvas: { enabled: false } },
      commentsEnabled: false,
    })
  })

  it('leaves hosted Sanity on its own API host and defaults', () => {
    const options = buildHostingOptions(parseStudioEnv({ SANITY_STUDIO_PROJECT_ID: 'abc123' }))
    expect(options).toEqual({ projectId: 'abc123', dataset: 'production', commentsEnabled: true })
  })
})
