import { defineLocaleResourceBundle, type LocaleResourceBundle } from 'sanity'

// English for two strings sanity 6.16 asks for but cannot find, so the Studio showed their keys instead
// (as accessible names, which screen readers read out):
// - the history inspector's close button looks up `changes.action.close-label` in the structure tool's
//   namespace, while the Studio ships it in its core namespace;
// - the search dialog labels its result list with `search.search-results-label`, which no bundle defines.
// Hosted Sanity runs the same Studio, so this applies to both. Drop an entry once Sanity ships it.
export const missingStudioStrings: LocaleResourceBundle[] = [
  defineLocaleResourceBundle({
    locale: 'en-US',
    namespace: 'structure',
    resources: { 'changes.action.close-label': 'Close history' },
  }),
  defineLocaleResourceBundle({
    locale: 'en-US',
    namespace: 'studio',
    resources: { 'search.search-results-label': 'Search results' },
  }),
]
