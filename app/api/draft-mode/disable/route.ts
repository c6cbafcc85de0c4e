import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'
import { routes } from '@/lib/routes'

export async function GET(): Promise<Response> {
  ;(await draftMode()).disable()
  redirect(routes.home())
}
