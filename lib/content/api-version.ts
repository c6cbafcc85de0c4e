// The Sanity API version every client of this project asks for: the site's readers and writers, the Studio's own
// queries and the start scripts. The Actions API and the `published` default perspective both need at least this
// version. Pure, so the Studio and the scripts import it too; the lake (its own program) answers every version.
export const SANITY_API_VERSION = '2025-02-19'
