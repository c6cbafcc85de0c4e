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
