import { describe, expect, it } from 'vitest'
import { buildRefusalPage } from '@/lib/comments/refusal-page'
import { checkActionRequest, MAX_ACTION_BODY_BYTES } from '@/lib/security/action-request'

const aPost = (headers: Record<string, string>, method = 'POST') => ({
  method,
  headers: new Headers(headers),
})
const SITE = { host: 'blog.example' }

describe('checkActionRequest', () => {
  it('lets through a post from the site itself, or one without an Origin (as Next does)', () => {
    expect(checkActionRequest(aPost({ ...SITE, origin: 'https://blog.example' }))).toBeNull()
    expect(checkActionRequest(aPost(SITE))).toBeNull()
    expect(
      checkActionRequest(
        aPost({ ...SITE, 'x-forwarded-host': 'www.blog.example', origin: 'https://www.blog.example' }),
      ),
    ).toBeNull()
  })

  it('refuses a post whose Origin is another site, opaque or not a URL', () => {
    for (const origin of ['https://evil.example', 'null', 'not a url', 'https://blog.example.evil.example'])
      expect(checkActionRequest(aPost({ ...SITE, origin })), origin).toBe('cross-site')
    expect(checkActionRequest(aPost({ origin: 'https://blog.example' }))).toBe('cross-site')
  })

  it('refuses a declared body over the action limit, and leaves other methods alone', () => {
    const length = (n: number) => aPost({ ...SITE, 'content-length': String(n) })
    expect(checkActionRequest(length(MAX_ACTION_BODY_BYTES))).toBeNull()
    expect(checkActionRequest(length(MAX_ACTION_BODY_BYTES + 1))).toBe('too-large')
    expect(checkActionRequest(aPost({ ...SITE, origin: 'https://evil.example' }, 'GET'))).toBeNull()
  })
})

describe('buildRefusalPage', () => {
  it('says what happened with the matching status, and links back only to a path on the site', () => {
    const crossSite = buildRefusalPage('cross-site', '/posts/a-post')
    expect(crossSite.status).toBe(403)
    expect(crossSite.html).toContain('<h1>Form sent from another site</h1>')
    expect(crossSite.html).toContain('href="/posts/a-post"')
    expect(buildRefusalPage('too-large', '/posts/a').status).toBe(413)
    expect(buildRefusalPage('too-large', '//evil.example/x').html).not.toContain('evil.example')
    expect(buildRefusalPage('too-large', `/posts/"><script>`).html).not.toContain('<script>')
  })
})
