import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Keep the lake, the mail catcher and Sanity's Node-only packages out of the server bundle.
  serverExternalPackages: ['nodemailer', 'sharp'],
}

export default nextConfig
