import { NextResponse, type NextRequest } from 'next/server'
import { buildRefusalPage } from '@/lib/comments/refusal-page'
import { checkActionRequest } from '@/lib/security/action-request'

// Answers a form post Next would fail with a bare 500 (another site's form, a body over the action limit) with a
// page that says what happened. Runs only for requests that can be form or action posts (see `config`), so page
// views never pass through it and pages stay static.
export function proxy(request: NextRequest): Response {
  const refusal = checkActionRequest(request)
  if (refusal === null) return NextResponse.next()
  const page = buildRefusalPage(refusal, request.nextUrl.pathname)
  return new Response(page.html, {
    status: page.status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  })
}

// A JavaScript form call carries `Next-Action`; a form posted without JavaScript carries its action id in the body,
// so it is matched by the content types a form can have (which a cross-site form can send without a preflight).
export const config = {
  matcher: [
    { source: '/((?!_next/|api/).*)', has: [{ type: 'header', key: 'next-action' }] },
    {
      source: '/((?!_next/|api/).*)',
      has: [
        {
          type: 'header',
          key: 'content-type',
          value: '(?:multipart/form-data|application/x-www-form-urlencoded|text/plain).*',
        },
      ],
    },
  ],
}
