// The Actions API and the `published` default perspective both need at least this version.
export const STUDIO_API_VERSION = '2025-02-19'
