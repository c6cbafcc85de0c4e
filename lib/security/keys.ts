import 'server-only'
import { env } from '@/lib/config/env'
import { deriveKey, type KeyPurpose, type SigningKey } from '@/lib/security/tokens'

export class MissingSigningKeyError extends Error {
  override name = 'MissingSigningKeyError'
}

/** The sub-key for one purpose; throws MissingSigningKeyError when COMMENT_SIGNING_KEY is not set. */
export function getSigningKey(purpose: KeyPurpose): SigningKey {
  const root = env.comments.signingKey
  if (root === undefined) {
    throw new MissingSigningKeyError(
      'COMMENT_SIGNING_KEY is not set. `npm start` generates one in the data folder; with `next` alone, set it in .env.local.',
    )
  }
  return deriveKey(root, purpose)
}
