import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Keep the lake, the mail catcher and Sanity's Node-only packages out of the server bundle.
  serverExternalPackages: ['nodemailer', 'sharp'],
  images: {
    // Hosted Sanity serves images from its CDN, the local lake from its API host (lib/content/images.ts).
    // Lake images bypass the optimizer (`unoptimized`), which refuses loopback addresses by default.
    remotePatterns: [new URL('https://cdn.sanity.io/images/**'), new URL('http://127.0.0.1:4545/images/**')],
  },
}

export default nextConfig
