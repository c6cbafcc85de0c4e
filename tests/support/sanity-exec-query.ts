// Run by `sanity exec` in the studio spec: prints the result of a GROQ query against the lake.
// `getCliClient()` takes its project and dataset from sanity.cli.ts and its token from
// SANITY_AUTH_TOKEN; the lake's address is passed in, since the CLI has no setting for it.
import { getCliClient } from 'sanity/cli'

const apiHost = process.env.LAKE_URL
const query = process.argv[2]
if (!apiHost || !query) throw new Error('usage: LAKE_URL=… sanity exec sanity-exec-query.ts -- <query>')

const client = getCliClient({ apiHost, useProjectHostname: false, apiVersion: '2025-02-19' })
process.stdout.write(`${JSON.stringify(await client.fetch(query))}\n`)
