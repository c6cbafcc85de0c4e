import { z } from 'zod'

export const WEBHOOK_OPERATIONS = ['create', 'update', 'delete'] as const
export type WebhookOperation = (typeof WEBHOOK_OPERATIONS)[number]

export const webhookDefinitionSchema = z.object({
  name: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1).optional(),
  filter: z.string().default('true'),
  projection: z.string().default('@'),
  on: z.array(z.enum(WEBHOOK_OPERATIONS)).min(1).default(['create', 'update', 'delete']),
  dataset: z.string().optional(),
  /** Sanity webhooks skip drafts and other dotted ids unless asked. */
  includeDrafts: z.boolean().default(false),
})
export type WebhookDefinition = z.infer<typeof webhookDefinitionSchema>
export type WebhookDefinitionInput = z.input<typeof webhookDefinitionSchema>
