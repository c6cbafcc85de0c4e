import type { ExprNode } from 'groq-js'
import { isDottedId, type LakeDocument } from '../core/document.ts'
import { buildView } from '../core/perspective.ts'
import { evaluateForDocument, parseGroq } from '../core/query.ts'
import type { DocumentReader } from '../core/reader.ts'
import type { CommittedTransaction, DocumentChange } from '../core/transaction.ts'
import type { WebhookDefinition, WebhookOperation } from './definition.ts'

export type CompiledWebhook = { definition: WebhookDefinition; filter: ExprNode; projection: ExprNode }
export type WebhookMatch = {
  webhook: CompiledWebhook
  operation: WebhookOperation
  documentId: string
  body: string
}

export class WebhookDefinitionError extends Error {
  override name = 'WebhookDefinitionError'
}

export function compileWebhook(definition: WebhookDefinition): CompiledWebhook {
  const filter = parseGroq(definition.filter, {}, 'delta')
  const projection = parseGroq(definition.projection, {}, 'delta')
  if (!filter.ok)
    throw new WebhookDefinitionError(
      `Webhook "${definition.name}": invalid filter: ${filter.failure.description}`,
    )
  if (!projection.ok)
    throw new WebhookDefinitionError(
      `Webhook "${definition.name}": invalid projection: ${projection.failure.description}`,
    )
  return { definition, filter: filter.tree, projection: projection.tree }
}

function toOperation(change: DocumentChange): WebhookOperation {
  if (change.before === null) return 'create'
  return change.after === null ? 'delete' : 'update'
}

/** The deliveries one committed transaction causes, with their JSON bodies (the projection result). */
export async function listWebhookMatches(
  webhooks: CompiledWebhook[],
  transaction: CommittedTransaction,
  reader: DocumentReader,
  context: { projectId: string; now: Date; defaultDataset: string },
): Promise<WebhookMatch[]> {
  const view = buildView(reader, 'editor', 'raw')
  const matches: WebhookMatch[] = []
  for (const webhook of webhooks) {
    const { definition } = webhook
    if ((definition.dataset ?? context.defaultDataset) !== transaction.dataset) continue
    for (const change of transaction.changes) {
      const operation = toOperation(change)
      if (!definition.on.includes(operation)) continue
      if (!definition.includeDrafts && isDottedId(change.id)) continue
      const doc: LakeDocument | null = change.after ?? change.before
      const evaluation = {
        params: {},
        now: context.now,
        identity: 'lake',
        sanity: { projectId: context.projectId, dataset: transaction.dataset },
        before: change.before ?? undefined,
        after: change.after ?? undefined,
      }
      const selected = await evaluateForDocument(webhook.filter, doc, view, evaluation)
      if (!selected.ok || selected.result !== true) continue
      const projected = await evaluateForDocument(webhook.projection, doc, view, evaluation)
      if (!projected.ok) continue
      matches.push({
        webhook,
        operation,
        documentId: change.id,
        body: JSON.stringify(projected.result ?? null),
      })
    }
  }
  return matches
}
