// tests/fixtures/hostile-comments.json, parsed and expanded. Long values are stored as `{ repeat, times }` so the
// fixture stays readable; here they become the exact strings a hostile client would send.
import { readFileSync } from 'node:fs'
import { z } from 'zod'

const valueSchema = z.union([
  z.string(),
  z.object({
    repeat: z.string().min(1),
    times: z.number().int().min(1),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
  }),
])
const toValue = (value: z.infer<typeof valueSchema>): string =>
  typeof value === 'string'
    ? value
    : `${value.prefix ?? ''}${value.repeat.repeat(value.times)}${value.suffix ?? ''}`

export const HOSTILE_FIELDS = ['body', 'name', 'email', 'website'] as const

const commentCaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string().min(1),
  fields: z.object({ body: valueSchema, name: valueSchema, email: valueSchema, website: valueSchema }),
  expected: z.enum(['rejected', 'stored-inert']),
  rejectedField: z.enum(HOSTILE_FIELDS).optional(),
  e2eSample: z.boolean().optional(),
})

const malformedRequestSchema = z.discriminatedUnion('expected', [
  z.object({
    id: z.string(),
    description: z.string(),
    expected: z.literal('client-error'),
    contentType: z.string().nullable(),
    body: z.string(),
  }),
  z.object({
    id: z.string(),
    description: z.string(),
    expected: z.literal('handled'),
    parts: z.array(z.object({ name: z.string(), value: z.string(), filename: z.string().optional() })),
  }),
])

const corpusSchema = z.object({
  comments: z.array(commentCaseSchema).min(100),
  malformedRequests: z.array(malformedRequestSchema).min(1),
})

export type HostileComment = Omit<z.infer<typeof commentCaseSchema>, 'fields'> & {
  fields: Record<(typeof HOSTILE_FIELDS)[number], string>
}
export type MalformedRequest = z.infer<typeof malformedRequestSchema>

const FIXTURE = new URL('../fixtures/hostile-comments.json', import.meta.url)

export function loadHostileCorpus(): { comments: HostileComment[]; malformedRequests: MalformedRequest[] } {
  const corpus = corpusSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')))
  const ids = new Set(corpus.comments.map((entry) => entry.id))
  if (ids.size !== corpus.comments.length) throw new Error('hostile-comments.json repeats an id')
  return {
    comments: corpus.comments.map((entry) => ({
      ...entry,
      fields: {
        body: toValue(entry.fields.body),
        name: toValue(entry.fields.name),
        email: toValue(entry.fields.email),
        website: toValue(entry.fields.website),
      },
    })),
    malformedRequests: corpus.malformedRequests,
  }
}
