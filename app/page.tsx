import { draftMode } from 'next/headers'
import { HomeListing } from '@/app/_components/home-listing'

export default async function HomePage() {
  const { isEnabled } = await draftMode()
  return <HomeListing page={1} draft={isEnabled} />
}
