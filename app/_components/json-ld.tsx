import { serializeJsonLd } from '@/lib/content/json-ld'

/** The one place that writes raw HTML: structured data, with `<` escaped by serializeJsonLd. */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />
}
