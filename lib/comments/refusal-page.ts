// The page a reader gets when proxy.ts refuses a form post before Next runs the action. Built as a string: the
// proxy cannot render the site's React layout, and the page must stay readable with JavaScript off.
import { commentMessages } from '@/lib/comments/messages'
import { routes } from '@/lib/routes'
import type { ActionRefusal } from '@/lib/security/action-request'

const STATUS: { [R in ActionRefusal]: number } = { 'cross-site': 403, 'too-large': 413 }

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** `backPath` is the path the form was posted to; only a same-site path is linked. */
export function buildRefusalPage(refusal: ActionRefusal, backPath: string): { status: number; html: string } {
  const m = commentMessages.refused
  const text = m[refusal]
  const back = backPath.startsWith('/') && !backPath.startsWith('//') ? backPath : routes.home()
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(text.title)}</title>
<style>body{font:1.0625rem/1.6 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1.25rem;color:#1f2933}a{color:#0b6e75}</style>
</head>
<body>
<main>
<p>Error ${STATUS[refusal]}</p>
<h1>${escapeHtml(text.title)}</h1>
<p role="alert">${escapeHtml(text.body)}</p>
<p><a href="${escapeHtml(back)}">${escapeHtml(m.backToPage)}</a> · <a href="${escapeHtml(routes.home())}">${escapeHtml(m.home)}</a></p>
</main>
</body>
</html>
`
  return { status: STATUS[refusal], html }
}
