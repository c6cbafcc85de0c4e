import { resolve } from 'node:path'
import type { NextConfig } from 'next'
import { parseRedisUrl } from './lib/redis/redis-url.ts'

// Headers are computed at build time, so the lake origin below is the one the build talks to; `npm start`
// rebuilds when SANITY_API_HOST changes (scripts/lib/build-stamp.ts). Hosted Sanity serves images from its CDN.
// `||`: an empty SANITY_API_HOST= (as in .env.example) means unset, as in lib/config/env.ts.
const imageOrigins = ['https://cdn.sanity.io', process.env.SANITY_API_HOST || 'http://127.0.0.1:4545']
  .map((url) => new URL(url).origin)
  .join(' ')
const isDev = process.env.NODE_ENV !== 'production'
// Read when `next build` and `next start` load this file: a malformed value stops either with its name.
const redisUrl = parseRedisUrl(process.env.REDIS_URL)

// Pages stay static, so there is no per-request nonce: Next's inline bootstrap and RSC payload scripts need
// 'unsafe-inline'. A nonce would need a proxy (middleware) that renders every page per request; the XSS defence
// here is output escaping (tested in tests/reliability), and the policy still blocks foreign script origins,
// plugins, <base> hijacking, off-site form posts and framing. `next dev` also needs eval for React Refresh.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${imageOrigins}`,
  "font-src 'self'",
  `connect-src 'self'${isDev ? ' ws:' : ''}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm run start:stack` builds its hosted configuration into .next-stack, beside `npm start`'s .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // An ETag costs a hash of the whole page on every request, cached or not: 12 % of `next start`'s CPU on the
  // article (bench/article-load.ts). Pages carry `s-maxage` for a CDN, which keeps validators of its own; without
  // one a returning reader re-downloads about 9 kB compressed instead of getting a 304.
  generateEtags: false,
  reactStrictMode: true,
  // Several instances share pages and fetched content through Redis (lib/cache/redis-cache-handler.ts); one
  // instance without REDIS_URL keeps Next's own cache on disk and in memory.
  ...(redisUrl === undefined
    ? {}
    : {
        cacheHandler: resolve(import.meta.dirname, 'lib/cache/redis-cache-handler.ts'),
        cacheMaxMemorySize: 0,
      }),
  // `next build` type-checks only what it builds; `npm run typecheck` covers tests, scripts and benchmarks.
  typescript: { tsconfigPath: 'tsconfig.next.json' },
  // The embedded Studio (app/studio, hosted mode) reads its project from SANITY_STUDIO_* in the browser.
  // SANITY_STUDIO_API_HOST is the browser's way to a stand-in for hosted Sanity, which need not be the
  // server's (SANITY_API_HOST): `npm run start:stack` gives the lake's HTTP/2 listener (sanity/studio/studio-env.ts).
  env: {
    SANITY_STUDIO_PROJECT_ID: process.env.SANITY_PROJECT_ID ?? '',
    SANITY_STUDIO_DATASET: process.env.SANITY_DATASET ?? '',
    SANITY_STUDIO_API_HOST: process.env.SANITY_STUDIO_API_HOST ?? '',
  },
  // Keep the lake, the mail catcher and Sanity's Node-only packages out of the server bundle.
  serverExternalPackages: ['nodemailer', 'sharp'],
  images: {
    // Hosted Sanity serves images from its CDN, the local lake from its API host (lib/content/images.ts).
    // Lake images bypass the optimizer (`unoptimized`), which refuses loopback addresses by default.
    remotePatterns: [new URL('https://cdn.sanity.io/images/**'), new URL('http://127.0.0.1:4545/images/**')],
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
      {
        // The Studio (when served under /studio) brings its own needs; the site's policy is for the site's pages.
        source: '/((?!studio(?:/|$)).*)',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ]
  },
}

export default nextConfig
