import { z } from 'zod'
import { SLUG_MAX_LENGTH } from './limits.ts'

const slugParamSchema = z
  .string()
  .max(SLUG_MAX_LENGTH)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)

/** A route's [slug] segment, or null when it cannot be a slug (so the page can 404 without a query). */
export function parseSlugParam(value: unknown): string | null {
  const result = slugParamSchema.safeParse(value)
  return result.success ? result.data : null
}
