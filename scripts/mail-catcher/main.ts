// `node scripts/mail-catcher/main.ts [--data-dir .data/mail] [--smtp-port 2525] [--http-port 2580]`
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { startMailCatcher } from './catcher.ts'

const argsSchema = z.object({
  'data-dir': z.string().min(1).default('.data/mail'),
  'smtp-port': z.coerce.number().int().min(0).max(65_535).default(2525),
  'http-port': z.coerce.number().int().min(0).max(65_535).default(2580),
})

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'smtp-port': { type: 'string' },
    'http-port': { type: 'string' },
  },
  strict: true,
})
const args = argsSchema.parse(values)

const catcher = await startMailCatcher({
  dataDir: resolve(args['data-dir']),
  smtpPort: args['smtp-port'],
  httpPort: args['http-port'],
})
process.stdout.write(`Mail catcher: SMTP ${catcher.smtpUrl}, inbox ${catcher.inboxUrl}\n`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void catcher.close().then(() => process.exit(0))
  })
}
