'use server'
import { redirect } from 'next/navigation'
import { getModerationDeps } from '@/lib/comments/deps'
import { applyModeration } from '@/lib/comments/moderate'
import { routes } from '@/lib/routes'

/** The only step that changes anything: a POST from the confirmation page. Its result shows on that page. */
export async function moderateCommentAction(token: string): Promise<void> {
  const result = await applyModeration(token, getModerationDeps()).catch((error: unknown) => {
    console.error('Moderation not recorded', error)
    return null
  })
  if (result === null) redirect(routes.moderate(token, 'unavailable'))
  if (!result.ok && result.reason === 'conflict') redirect(routes.moderate(token, 'conflict'))
  // Success and refusals alike: the page reads the comment's state again and says what it is now.
  redirect(routes.moderate(token))
}
