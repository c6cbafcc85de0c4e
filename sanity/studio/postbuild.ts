// `node sanity/studio/postbuild.ts dist/studio`: run after a local-mode `sanity build` so the Studio
// makes no requests outside the machine. Hosted builds keep Sanity's bridge script.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import {
  pointHostedChecksAtOrigin,
  rebaseStaticLinks,
  stripExternalFontFaces,
  stripExternalRequests,
  type Stripped,
} from './offline-assets.ts'

// Matches `project.basePath` in sanity.cli.ts, where the lake serves the build.
const STUDIO_BASE_PATH = '/studio'

const USAGE = 'Pass the Studio build folder: node sanity/studio/postbuild.ts dist/studio'
const outDirSchema = z.string({ error: USAGE }).min(1, USAGE)

async function rewrite(path: string, transform: (text: string) => Stripped): Promise<number> {
  const { text, removed } = transform(await readFile(path, 'utf8'))
  if (removed > 0) await writeFile(path, text)
  return removed
}

async function main(): Promise<void> {
  const parsed = outDirSchema.safeParse(process.argv[2])
  if (!parsed.success) {
    console.error(`postbuild: ${USAGE}`)
    process.exitCode = 2
    return
  }
  const outDir = parsed.data
  const staticDir = join(outDir, 'static')
  const stylesheets = (await readdir(staticDir)).filter((name) => name.endsWith('.css'))
  let removed = await rewrite(join(outDir, 'index.html'), stripExternalRequests)
  const rebased = await rewrite(join(outDir, 'index.html'), (html) =>
    rebaseStaticLinks(html, STUDIO_BASE_PATH),
  )
  for (const name of stylesheets) removed += await rewrite(join(staticDir, name), stripExternalFontFaces)
  const scripts = (await readdir(staticDir)).filter((name) => name.endsWith('.js'))
  for (const name of scripts) removed += await rewrite(join(staticDir, name), pointHostedChecksAtOrigin)
  console.log(
    `postbuild: removed ${removed} outside request(s) and rebased ${rebased} icon link(s) in ${outDir}`,
  )
}

await main()
