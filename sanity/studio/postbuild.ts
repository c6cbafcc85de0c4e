// `node sanity/studio/postbuild.ts dist/studio`: run after a local-mode `sanity build` so the Studio
// makes no requests outside the machine. Hosted builds keep Sanity's bridge script.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { stripExternalFontFaces, stripExternalRequests, type Stripped } from './offline-assets.ts'

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
  for (const name of stylesheets) removed += await rewrite(join(staticDir, name), stripExternalFontFaces)
  console.log(`postbuild: removed ${removed} outside request(s) from ${outDir}`)
}

await main()
