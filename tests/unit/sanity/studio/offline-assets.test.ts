import { describe, expect, it } from 'vitest'
import {
  pointHostedChecksAtOrigin,
  rebaseStaticLinks,
  stripExternalFontFaces,
  stripExternalRequests,
} from '@/sanity/studio/offline-assets'

const BRIDGE =
  '<script src="https://core.sanity-cdn.com/bridge.js" async type="module" data-sanity-core></script>'
const OWN_SCRIPT = '<script src="/static/sanity-abc.js" type="module"></script>'
const REMOTE_FONT = `@font-face {
    font-family: Inter;
    src: url("https://studio-static.sanity.io/Inter-Regular.woff2") format("woff2");
  }`
const LOCAL_FONT = '@font-face{font-family:Local;src:url(/static/local.woff2)}'

describe('stripExternalRequests', () => {
  it('drops the hosted bridge script and remote fonts but keeps the Studio bundle', () => {
    const html = `<head><style>${REMOTE_FONT}\n${LOCAL_FONT}</style>${BRIDGE}</head><body>${OWN_SCRIPT}</body>`
    const { text, removed } = stripExternalRequests(html)
    expect(removed).toBe(2)
    expect(text).not.toContain('sanity-cdn.com')
    expect(text).not.toContain('studio-static.sanity.io')
    expect(text).toContain(OWN_SCRIPT)
    expect(text).toContain(LOCAL_FONT)
  })

  it('drops stylesheet links to other origins', () => {
    const link = '<link href="https://fonts.example.com/inter.css" rel="stylesheet"/>'
    const own = '<link href="/static/lib.css" rel="stylesheet"/>'
    expect(stripExternalRequests(`${link}${own}`)).toEqual({ text: own, removed: 1 })
  })

  it('changes nothing in a page that loads only local files', () => {
    const html = `<head>${OWN_SCRIPT}</head>`
    expect(stripExternalRequests(html)).toEqual({ text: html, removed: 0 })
  })
})

describe('stripExternalFontFaces', () => {
  it('drops remote font faces from minified CSS and keeps the rules around them', () => {
    const css = `:root{--a:1}@font-face{font-family:Inter;src:url(https://design-system-static.sanity.io/I.woff2)format("woff2")}${LOCAL_FONT}body{margin:0}`
    expect(stripExternalFontFaces(css)).toEqual({
      text: `:root{--a:1}${LOCAL_FONT}body{margin:0}`,
      removed: 1,
    })
  })
})

describe('rebaseStaticLinks', () => {
  it('points the index’s root /static/ icon links under the Studio’s base path, once', () => {
    const html =
      '<link href="/static/favicon.svg" rel="icon"/><script src="/studio/static/sanity-1.js"></script>'
    const once = rebaseStaticLinks(html, '/studio')
    expect(once.text).toBe(
      '<link href="/studio/static/favicon.svg" rel="icon"/><script src="/studio/static/sanity-1.js"></script>',
    )
    expect(once.removed).toBe(1)
    expect(rebaseStaticLinks(once.text, '/studio').removed).toBe(0)
  })
})

describe('pointHostedChecksAtOrigin', () => {
  it('sends the version check and crash reports to the Studio’s own origin', () => {
    const js =
      'var BM=`${ri?`https://sanity-cdn.work`:`https://sanity-cdn.com`}/v1/modules`;var hx=`https://api.sanity.io/vX/intake/feedback`'
    const result = pointHostedChecksAtOrigin(js)
    expect(result.text).toBe(
      'var BM=`${ri?`https://sanity-cdn.work`:``}/v1/modules`;var hx=`/vX/intake/feedback`',
    )
    expect(result.removed).toBe(2)
  })
})
