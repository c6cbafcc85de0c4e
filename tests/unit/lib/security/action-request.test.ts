import { describe, expect, it } from 'vitest'
import { buildRefusalPage } from '@/lib/comments/refusal-page'
import { checkActionRequest } from '@/lib/security/action-request'

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

  it('leaves other methods alone', () => {
    expect(checkActionRequest(aPost({ ...SITE, origin: 'https://evil.example' }, 'GET'))).toBeNull()
  })
})

describe('buildRefusalPage', () => {
  it('says what happened with the matching status, and links back only to a path on the site', () => {
    const crossSite = buildRefusalPage('cross-site', '/posts/a-post')
    expect(crossSite.status).toBe(403)
    expect(crossSite.html).toContain('<h1>Form sent from another site</h1>')
    expect(crossSite.html).toContain('href="/posts/a-post"')
    expect(buildRefusalPage('cross-site', '//evil.example/x').html).not.toContain('evil.example')
    expect(buildRefusalPage('cross-site', `/posts/"><script>`).html).not.toContain('<script>')
  })
})
