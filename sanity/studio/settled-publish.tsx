import { useEffect, useRef, useState } from 'react'
import {
  type DocumentActionComponent,
  type SanityClient,
  type SchemaType,
  type DocumentActionDescription,
  type DocumentActionProps,
  useClient,
  useDocumentOperation,
  useSyncState,
  useTranslation,
  useWorkspace,
  validateDocument,
} from 'sanity'
import { structureLocaleNamespace } from 'sanity/structure'
import { z } from 'zod'
import { SANITY_API_VERSION } from '../../lib/content/api-version.ts'

type ValidationMarker = Pick<
  Awaited<ReturnType<typeof validateDocument>>[number],
  'level' | 'message' | 'path'
>

/**
 * The first error among a validation's markers, as an editor reads it (the field's title from the form, then
 * the message); `null` when the draft may be published.
 */
export function firstValidationError(
  markers: readonly ValidationMarker[],
  fieldTitle: (name: string) => string | undefined = () => undefined,
): string | null {
  const error = markers.find((marker) => marker.level === 'error')
  if (error === undefined) return null
  const names = error.path.filter((segment) => typeof segment === 'string')
  const [first, ...rest] = names
  if (first === undefined) return error.message
  return `${[fieldTitle(first) ?? first, ...rest].join(' › ')}: ${error.message}`
}

/** Field titles of a document type, as the form shows them. */
function fieldTitlesOf(schemaType: SchemaType | undefined): (name: string) => string | undefined {
  const fields = schemaType !== undefined && 'fields' in schemaType ? schemaType.fields : []
  return (name) => fields.find((field) => field.name === name)?.type.title
}

const availabilitySchema = z.object({
  omitted: z.array(z.object({ id: z.string(), reason: z.string() })).default([]),
})

/**
 * Whether a referenced document exists, asked at once. The validator's own lookup gathers ids for 250 ms
 * per round, which made a click wait up to a second for a post with a few references.
 */
function existenceCheckerFor(client: SanityClient) {
  return async ({ id, signal }: { id: string; signal?: AbortSignal }): Promise<boolean> => {
    const answer = availabilitySchema.parse(
      await client.request({
        url: client.getDataUrl('doc', id),
        query: { excludeContent: 'true' },
        signal,
        tag: 'publish.reference-exists',
      }),
    )
    return !answer.omitted.some((entry) => entry.id === id && entry.reason === 'existence')
  }
}

type ClickState =
  { step: 'idle' } | { step: 'waiting' } | { step: 'publishing' } | { step: 'invalid'; message: string }

/** How long "Publishing…" may wait for the draft to disappear before the button is offered again. */
const PUBLISHING_TIMEOUT_MS = 15_000

const wrapped = new WeakMap<DocumentActionComponent, DocumentActionComponent>()

/**
 * The Studio's Publish button, with a click that never trusts a stale validation.
 *
 * sanity 6.16 queues a Publish clicked while the draft is still being saved, and acts once its
 * validation status names the newest revision and is not validating. That status takes the newest
 * revision at once but validates it later (a macrotask at least, longer while an earlier validation
 * still runs), so in between it shows the previous revision's errors under the new revision. A click
 * made while the fix for an error was being saved then ended in "Validation errors" and nothing was
 * published (the Studio's own race; hosted Sanity runs the same code).
 *
 * Here a click waits until the draft is saved, validates exactly that draft, and publishes it or
 * says what is wrong. The button, its label and its disabled reasons stay the Studio's. Versions in
 * releases keep the Studio's own behaviour.
 */
export function withSettledPublish(publish: DocumentActionComponent): DocumentActionComponent {
  // The Studio runs actions as hooks keyed by identity: one wrapper per action keeps their state.
  const known = wrapped.get(publish)
  if (known !== undefined) return known

  function SettledPublishAction(props: DocumentActionProps): DocumentActionDescription | null {
    const description = publish(props)
    const { t } = useTranslation(structureLocaleNamespace)
    const workspace = useWorkspace()
    const client = useClient({ apiVersion: SANITY_API_VERSION })
    const { publish: publishOperation } = useDocumentOperation(props.id, props.type)
    // Read through refs, so that a new client or operations object per render does not restart the validation.
    const latestClient = useRef(client)
    latestClient.current = client
    const latestOperation = useRef(publishOperation)
    latestOperation.current = publishOperation
    const { isSyncing } = useSyncState(props.id, props.type)
    const [click, setClick] = useState<ClickState>({ step: 'idle' })
    const { draft } = props

    useEffect(() => {
      if (click.step !== 'waiting' || isSyncing || draft === null) return
      // A later edit re-runs this effect with the new draft; an answer about an older one is dropped.
      let current = true
      const getDocumentExists = existenceCheckerFor(latestClient.current)
      validateDocument({ document: draft, workspace, environment: 'studio', getDocumentExists }).then(
        (markers) => {
          if (!current) return
          const problem = firstValidationError(markers, fieldTitlesOf(workspace.schema.get(draft._type)))
          if (problem !== null) {
            setClick({ step: 'invalid', message: problem })
            return
          }
          const operation = latestOperation.current
          if (operation.disabled !== false) {
            setClick({ step: 'invalid', message: String(operation.disabled) })
            return
          }
          operation.execute()
          setClick({ step: 'publishing' })
        },
        (error: unknown) => {
          if (current)
            setClick({ step: 'invalid', message: error instanceof Error ? error.message : String(error) })
        },
      )
      return () => {
        current = false
      }
    }, [click.step, isSyncing, draft, workspace])

    useEffect(() => {
      if (click.step !== 'publishing') return
      if (draft === null) {
        setClick({ step: 'idle' })
        return
      }
      const timer = setTimeout(() => setClick({ step: 'idle' }), PUBLISHING_TIMEOUT_MS)
      return () => clearTimeout(timer)
    }, [click.step, draft])

    const inRelease = props.release !== undefined || (props.version !== null && props.version !== undefined)
    if (description === null || inRelease) return description
    if (click.step === 'waiting' || click.step === 'publishing')
      return {
        ...description,
        disabled: true,
        label:
          click.step === 'waiting'
            ? t('action.publish.validation-in-progress.label')
            : t('action.publish.running.label'),
        onHandle: undefined,
      }
    return {
      ...description,
      onHandle: () => setClick({ step: 'waiting' }),
      dialog:
        click.step === 'invalid'
          ? {
              type: 'popover',
              content: `${t('action.publish.validation-issues-toast.title')}: ${click.message}`,
              onClose: () => setClick({ step: 'idle' }),
            }
          : description.dialog,
    }
  }
  SettledPublishAction.action = publish.action
  SettledPublishAction.displayName = 'SettledPublishAction'
  wrapped.set(publish, SettledPublishAction)
  return SettledPublishAction
}
