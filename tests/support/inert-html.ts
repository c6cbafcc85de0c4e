// Finds anything in HTML that could run script: parsed with parse5, the HTML5 parsing algorithm browsers use,
// so text that merely looks like markup (`&lt;script&gt;`, "onerror=" inside a text node) is never a finding.
import { parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5'

type Node = DefaultTreeAdapterTypes.Node
type Element = DefaultTreeAdapterTypes.Element

const ACTIVE_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'style',
  'form',
  'svg',
  'math',
])
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'srcset',
])
// Browsers drop ASCII whitespace and controls inside a scheme ("java\tscript:"), so compare without them.
const DANGEROUS_URL = /^(?:javascript|vbscript|data):/i
const stripForScheme = (value: string): string => value.replace(/[\u0000-\u0020\u007f]/g, '')

const isElement = (node: Node): node is Element => 'tagName' in node

function* walk(node: Node): Generator<Element> {
  if (isElement(node)) yield node
  const children = 'childNodes' in node ? node.childNodes : []
  for (const child of children) yield* walk(child)
  if (isElement(node) && node.tagName === 'template' && 'content' in node) yield* walk(node.content)
}

export type InertOptions = {
  /** Elements the markup is allowed to contain (a fragment we render ourselves). */
  allowElements?: readonly string[]
  /** Elements a whole page or mail legitimately has (the mail's <meta charset>, a page's own scripts). */
  ignoreElements?: readonly string[]
}

/** Everything that could execute: script-capable elements, `on*` attributes and script URLs. Empty when inert. */
export function listActiveContent(
  html: string,
  options: InertOptions & { document?: boolean } = {},
): string[] {
  const root = options.document === true ? parse(html) : parseFragment(html)
  const findings: string[] = []
  for (const element of walk(root)) {
    const tag = element.tagName
    if (options.allowElements !== undefined && !options.allowElements.includes(tag))
      findings.push(`unexpected <${tag}>`)
    else if (ACTIVE_ELEMENTS.has(tag) && !(options.ignoreElements ?? []).includes(tag))
      findings.push(`active <${tag}>`)
    for (const attribute of element.attrs) {
      const name = attribute.prefix === undefined ? attribute.name : `${attribute.prefix}:${attribute.name}`
      if (/^on/i.test(name)) findings.push(`<${tag} ${name}=…> event handler`)
      if (name === 'srcdoc') findings.push(`<${tag} srcdoc=…>`)
      if (URL_ATTRIBUTES.has(name) && DANGEROUS_URL.test(stripForScheme(attribute.value)))
        findings.push(`<${tag} ${name}="${attribute.value.slice(0, 40)}">`)
    }
  }
  return findings
}
