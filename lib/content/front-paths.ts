// Which public pages a cache front in front of the site should refresh at once when these tags are revalidated.
// The rest (archives' later pages, other categories) follow within the front's micro-cache lifetime. Used by the
// cache handler, which Next loads outside its bundle: relative imports only.
import { routes } from '../routes.ts'

const byPrefix: Record<string, (value: string) => string> = {
  'post:': routes.post,
  'author:': routes.author,
  'category:': routes.category,
}

/** Pure: the paths, each once, in the order the tags name them. */
export function listFrontPathsFor(tags: readonly string[]): string[] {
  const paths = new Set<string>()
  for (const tag of tags) {
    if (tag === 'post-list') {
      for (const path of [routes.home(), routes.rss(), routes.atom(), routes.sitemap()]) paths.add(path)
      continue
    }
    for (const [prefix, toPath] of Object.entries(byPrefix)) {
      if (tag.startsWith(prefix)) paths.add(toPath(tag.slice(prefix.length)))
    }
  }
  return [...paths]
}
