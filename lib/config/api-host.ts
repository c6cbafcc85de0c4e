// Pure, so the start scripts (plain Node, outside Next) decide exactly as lib/config/env.ts does.

/** The API host of hosted Sanity, reached through the project hostname (<projectId>.api.sanity.io). */
export const HOSTED_API_HOST = 'https://api.sanity.io'

/**
 * Whether the client must put the project id in front of `apiHost`: only for Sanity's own hosts. Any other API host
 * (the lake standing in for hosted Sanity in `npm run start:stack`, or a proxy) answers on its own host.
 */
export function usesProjectHostname(apiHost: string): boolean {
  return /(^|\.)sanity\.(io|work)$/.test(new URL(apiHost).hostname)
}
