// The built Studio asks outside hosts for a hosted-only bridge script and the Inter font. Offline
// those requests only fail (the browser falls back to system fonts), so the local build drops them.
// Plain Node with type stripping: relative imports only, erasable syntax only.

const EXTERNAL = String.raw`https?:\/\/`
const EXTERNAL_SCRIPT = new RegExp(String.raw`<script\b[^>]*\bsrc="${EXTERNAL}[^"]*"[^>]*>\s*<\/script>`, 'g')
const EXTERNAL_LINK = new RegExp(String.raw`<link\b[^>]*\bhref="${EXTERNAL}[^"]*"[^>]*>`, 'g')
// @font-face blocks hold no nested braces, in the HTML's inline style and in minified CSS alike.
const FONT_FACE = /@font-face\s*\{[^}]*\}/g
const EXTERNAL_URL = new RegExp(String.raw`url\(\s*["']?${EXTERNAL}`)

export type Stripped = { text: string; removed: number }

function strip(text: string, pattern: RegExp, keep: (match: string) => boolean = () => false): Stripped {
  let removed = 0
  const result = text.replace(pattern, (match) => {
    if (keep(match)) return match
    removed += 1
    return ''
  })
  return { text: result, removed }
}

export function stripExternalFontFaces(css: string): Stripped {
  return strip(css, FONT_FACE, (block) => !EXTERNAL_URL.test(block))
}

/** Removes scripts and links that load from another origin, and fonts served from one. */
export function stripExternalRequests(html: string): Stripped {
  const scripts = strip(html, EXTERNAL_SCRIPT)
  const links = strip(scripts.text, EXTERNAL_LINK)
  const fonts = stripExternalFontFaces(links.text)
  return { text: fonts.text, removed: scripts.removed + links.removed + fonts.removed }
}

// `sanity build` links the favicons at /static/ even when the Studio lives under a base path.
const ROOT_STATIC_LINK = /(<link\b[^>]*\bhref=")\/static\//g

/** Points root-relative /static/ links of the index at the Studio's own base path. */
export function rebaseStaticLinks(html: string, basePath: string): Stripped {
  let removed = 0
  const text = html.replace(ROOT_STATIC_LINK, (_match, start: string) => {
    removed += 1
    return `${start}${basePath}/static/`
  })
  return { text, removed }
}

// Two hosted endpoints are hard-coded in the Studio bundle rather than taken from apiHost: the
// module CDN's version check and the crash-report tunnel. Offline both fail with console errors,
// so the local build sends them to its own origin, where the lake answers them (sanity/lake/http).
const HOSTED_ENDPOINTS: readonly [RegExp, string][] = [
  [/`https:\/\/sanity-cdn\.com`\}\/v1\/modules`/g, '``}/v1/modules`'],
  [/`https:\/\/api\.sanity\.io\/vX\/intake\/feedback`/g, '`/vX/intake/feedback`'],
]

/** Points the bundle's hard-coded hosted checks at the Studio's own origin. */
export function pointHostedChecksAtOrigin(js: string): Stripped {
  let removed = 0
  let text = js
  for (const [pattern, replacement] of HOSTED_ENDPOINTS) {
    text = text.replace(pattern, () => {
      removed += 1
      return replacement
    })
  }
  return { text, removed }
}
