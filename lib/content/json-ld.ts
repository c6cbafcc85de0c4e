/** JSON for a <script type="application/ld+json">: `<` is escaped so content can never close the script. */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}
