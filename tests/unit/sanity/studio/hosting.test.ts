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

  it('talks to a stand-in for hosted Sanity at the API host it is given, as its origin', () => {
    expect(
      parseStudioEnv({
        SANITY_STUDIO_PROJECT_ID: 'lakeside',
        SANITY_STUDIO_API_HOST: 'https://localhost:4746/',
      }),
    ).toEqual({
      mode: 'stand-in',
      projectId: 'lakeside',
      dataset: 'production',
      apiHost: 'https://localhost:4746',
    })
  })

  it('stays hosted on another of Sanity’s own API hosts', () => {
    expect(
      parseStudioEnv({
        SANITY_STUDIO_PROJECT_ID: 'abc123',
        SANITY_STUDIO_API_HOST: 'https://api.sanity.work',
      }),
    ).toEqual({
      mode: 'hosted',
      projectId: 'abc123',
      dataset: 'production',
      apiHost: 'https://api.sanity.work',
    })
  })

  it('ignores the API host without a project id: the lake serves the local Studio itself', () => {
    expect(parseStudioEnv({ SANITY_STUDIO_API_HOST: 'https://localhost:4746' })).toMatchObject({
      mode: 'local',
      apiHost: 'https://localhost:4546',
    })
  })

  it('refuses an API host the Studio cannot put the project id in front of, or one without TLS', () => {
    const withHost = (apiHost: string) => () =>
      parseStudioEnv({ SANITY_STUDIO_PROJECT_ID: 'lakeside', SANITY_STUDIO_API_HOST: apiHost })
    expect(withHost('https://127.0.0.1:4746')).toThrow(/host name/)
    expect(withHost('https://[::1]:4746')).toThrow(/host name/)
    expect(withHost('http://localhost:4745')).toThrow(/https/)
    expect(withHost('localhost:4746')).toThrow(/https/)
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

  it('runs against a stand-in as against the lake: token sign-in, no hosted-only features', () => {
    const options = buildHostingOptions(
      parseStudioEnv({
        SANITY_STUDIO_PROJECT_ID: 'lakeside',
        SANITY_STUDIO_API_HOST: 'https://localhost:4746',
      }),
    )
    expect(options).toEqual({
      ...buildHostingOptions(parseStudioEnv({})),
      apiHost: 'https://localhost:4746',
    })
  })

  it('keeps hosted features on Sanity’s staging host', () => {
    const options = buildHostingOptions(
      parseStudioEnv({
        SANITY_STUDIO_PROJECT_ID: 'abc123',
        SANITY_STUDIO_API_HOST: 'https://api.sanity.work',
      }),
    )
    expect(options).toEqual({
      projectId: 'abc123',
      dataset: 'production',
      apiHost: 'https://api.sanity.work',
      commentsEnabled: true,
    })
  })

  it('leaves hosted Sanity on its own API host and defaults', () => {
    const options = buildHostingOptions(parseStudioEnv({ SANITY_STUDIO_PROJECT_ID: 'abc123' }))
    expect(options).toEqual({ projectId: 'abc123', dataset: 'production', commentsEnabled: true })
  })
})
