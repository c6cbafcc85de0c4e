// The catcher's web inbox on 127.0.0.1: a list, one page per message, and a JSON API for tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { CaughtMessage, MessageStore } from './message-store.ts'

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )

const formatAddresses = (list: CaughtMessage['to']): string =>
  list.map(({ name, address }) => (name === '' ? address : `${name} <${address}>`)).join(', ')

// Caught HTML is untrusted: it renders in a sandbox with no scripts, no network and no same-origin access.
const MESSAGE_HTML_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'"

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  })
  response.end(body)
}

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}td,th{padding:.25rem .5rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap}iframe{width:100%;height:32rem;border:1px solid #ccc}</style>
</head><body>${body}</body></html>`

function listPage(messages: CaughtMessage[]): string {
  const rows = messages
    .map(
      (message) =>
        `<tr><td>${escapeHtml(message.receivedAt)}</td><td>${escapeHtml(formatAddresses(message.to))}</td><td><a href="/messages/${message.id}">${escapeHtml(message.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('\n')
  return page(
    'Mail catcher',
    `<h1>Mail catcher</h1><p>${messages.length} message(s). Nothing here leaves this machine.</p>
<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>`,
  )
}

function messagePage(message: CaughtMessage): string {
  const html =
    message.html === null
      ? '<p>(no HTML part)</p>'
      : `<iframe title="HTML part" sandbox src="/messages/${message.id}/html"></iframe>`
  return page(
    message.subject,
    `<p><a href="/">All messages</a></p><h1>${escapeHtml(message.subject || '(no subject)')}</h1>
<table><tr><th>From</th><td>${escapeHtml(formatAddresses(message.from))}</td></tr>
<tr><th>To</th><td>${escapeHtml(formatAddresses(message.to))}</td></tr>
<tr><th>Reply-To</th><td>${escapeHtml(formatAddresses(message.replyTo))}</td></tr>
<tr><th>Received</th><td>${escapeHtml(message.receivedAt)}</td></tr></table>
<h2>HTML</h2>${html}<h2>Text</h2><pre>${escapeHtml(message.text)}</pre>`,
  )
}

async function route(store: MessageStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { pathname } = new URL(request.url ?? '/', 'http://catcher.invalid')
  const method = request.method ?? 'GET'
  const messageMatch = /^\/(api\/)?messages\/([^/]+)(?:\/(html|text))?$/.exec(pathname)

  if (pathname === '/api/messages') {
    if (method === 'GET') return send(response, 200, 'application/json', JSON.stringify(await store.list()))
    if (method === 'DELETE') {
      await store.clear()
      response.writeHead(204).end()
      return
    }
    return send(response, 405, 'text/plain', 'Method not allowed', { allow: 'GET, DELETE' })
  }
  if (method !== 'GET') return send(response, 405, 'text/plain', 'Method not allowed', { allow: 'GET' })
  if (pathname === '/')
    return send(response, 200, 'text/html', listPage(await store.list()), {
      'content-security-policy': PAGE_CSP,
    })

  const id = messageMatch?.[2]
  const message = id === undefined ? null : await store.get(id)
  if (messageMatch === null || message === null) return send(response, 404, 'text/plain', 'No such message')
  if (messageMatch[1] === 'api/') return send(response, 200, 'application/json', JSON.stringify(message))
  switch (messageMatch[3]) {
    case 'html':
      return send(response, 200, 'text/html', message.html ?? '', {
        'content-security-policy': MESSAGE_HTML_CSP,
      })
    case 'text':
      return send(response, 200, 'text/plain', message.text)
    default:
      return send(response, 200, 'text/html', messagePage(message), { 'content-security-policy': PAGE_CSP })
  }
}

export function createInboxServer(store: MessageStore): Server {
  return createServer((request, response) => {
    route(store, request, response).catch((error: unknown) => {
      process.stderr.write(`mail catcher: ${error instanceof Error ? error.message : String(error)}\n`)
      if (!response.headersSent) send(response, 500, 'text/plain', 'Internal error')
      else response.end()
    })
  })
}
