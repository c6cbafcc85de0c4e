import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createClient, type SanityClient } from '@sanity/client'
import { z } from 'zod'
import { readLakeConfig, type LakeConfig } from './config.ts'
import { checkRunFile, describeStaleRunFile, lookUpRunningLake, pickOperatorDataDir } from './running-lake.ts'
import { buildToken, readTokenFile, TOKEN_ROLES, writeTokenFile } from './storage/token-file.ts'
import { exportDataset } from './transfer/export.ts'
import { importDataset, type ImportMode } from './transfer/import.ts'

const USAGE = `Usage: npm run lake -- <command>

  info [--json] [--secrets]           where the lake listens, its project, dataset and files
  tokens create --role viewer|editor  add a token (printed once)
  tokens revoke <token-or-id>         remove a token
  import FILE [--replace|--missing]   load NDJSON or a sanity export .tar.gz into the running lake
  export FILE                         write the running lake's dataset as a .tar.gz
`

const commandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('info'), json: z.boolean(), secrets: z.boolean() }),
  z.object({ command: z.literal('tokens-create'), role: z.enum(TOKEN_ROLES) }),
  z.object({ command: z.literal('tokens-revoke'), target: z.string().min(1) }),
  z.object({
    command: z.literal('import'),
    file: z.string().min(1),
    mode: z.enum(['create', 'replace', 'missing']),
  }),
  z.object({ command: z.literal('export'), file: z.string().min(1) }),
])
type Command = z.infer<typeof commandSchema>

class UsageError extends Error {
  override name = 'UsageError'
}

/** The command needs the running lake, and none runs on the data folder. */
class NotRunningError extends Error {
  override name = 'NotRunningError'
}

function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      secrets: { type: 'boolean', default: false },
      role: { type: 'string' },
      replace: { type: 'boolean', default: false },
      missing: { type: 'boolean', default: false },
    },
  })
  const [first, second, ...rest] = positionals
  if (values.replace && values.missing) throw new UsageError('--replace and --missing exclude each other')
  const raw =
    first === 'tokens'
      ? second === 'create'
        ? { command: 'tokens-create', role: values.role }
        : { command: second === 'revoke' ? 'tokens-revoke' : 'unknown', target: rest[0] }
      : first === 'import'
        ? {
            command: 'import',
            file: second,
            mode: values.replace ? 'replace' : values.missing ? 'missing' : 'create',
          }
        : first === 'export'
          ? { command: 'export', file: second }
          : { command: first, json: values.json, secrets: values.secrets }
  const parsed = commandSchema.safeParse(raw)
  if (!parsed.success) throw new UsageError(z.prettifyError(parsed.error))
  return parsed.data
}

async function runCommand(command: Command, config: LakeConfig): Promise<void> {
  const tokenPath = join(config.dataDir, 'tokens.json')
  switch (command.command) {
    case 'info': {
      const checked = await checkRunFile(config.dataDir)
      const running = checked.state === 'running' ? checked.run : null
      const tokens = (await readTokenFile(tokenPath)) ?? []
      const info = {
        url: running?.url ?? `http://${config.host}:${config.port}`,
        running: running !== null,
        ...(checked.state === 'stale'
          ? { staleRunFile: { ...checked.run, reason: checked.reason, note: describeStaleRunFile(checked) } }
          : {}),
        projectId: running?.projectId ?? config.projectId,
        dataset: running?.dataset ?? config.dataset,
        dataDir: resolve(config.dataDir),
        tokenFile: resolve(tokenPath),
        tokens: tokens.map((token) => ({
          id: token.id,
          role: token.role,
          ...(command.secrets ? { token: token.token } : {}),
        })),
      }
      if (command.json) console.log(JSON.stringify(info, null, 2))
      else {
        console.log(`URL:        ${info.url}${info.running ? '' : ' (not running)'}`)
        if (checked.state === 'stale')
          console.log(`Note:       ${describeStaleRunFile(checked)}; the next start replaces it`)
        console.log(
          `Project:    ${info.projectId}\nDataset:    ${info.dataset}\nData dir:   ${info.dataDir}\nToken file: ${info.tokenFile}`,
        )
        for (const token of info.tokens)
          console.log(`Token:      ${token.id} ${token.role}${'token' in token ? ` ${token.token}` : ''}`)
      }
      return
    }
    case 'tokens-create': {
      const tokens = (await readTokenFile(tokenPath)) ?? []
      const token = buildToken(command.role, new Date())
      await writeTokenFile(tokenPath, [...tokens, token])
      console.log(`${token.id} ${token.role} ${token.token}`)
      return
    }
    case 'tokens-revoke': {
      const tokens = (await readTokenFile(tokenPath)) ?? []
      const kept = tokens.filter((token) => token.id !== command.target && token.token !== command.target)
      if (kept.length === tokens.length) throw new UsageError('No such token')
      await writeTokenFile(tokenPath, kept)
      console.log(`Revoked ${tokens.length - kept.length} token(s)`)
      return
    }
    case 'import': {
      const summary = await importDataset(
        await connect(config),
        command.file,
        command.mode satisfies ImportMode,
      )
      console.log(`Imported ${summary.documents} documents and ${summary.assets} assets`)
      return
    }
    case 'export': {
      const summary = await exportDataset(await connect(config), command.file, new Date())
      console.log(`Exported ${summary.documents} documents and ${summary.assets} assets to ${command.file}`)
      return
    }
  }
}

/** Import and export go through the running lake's HTTP API: it stays the single writer. */
async function connect(config: LakeConfig): Promise<SanityClient> {
  const lake = await lookUpRunningLake(config.dataDir)
  if (lake.state === 'none')
    throw new NotRunningError(
      `No lake is running on ${resolve(config.dataDir)}; start it with npm start (or node sanity/lake/main.ts)`,
    )
  if (lake.state === 'stale')
    throw new NotRunningError(
      `No lake is running on ${resolve(config.dataDir)}: ${describeStaleRunFile(lake)}. Start it with npm start (or node sanity/lake/main.ts)`,
    )
  if (lake.editorToken === undefined)
    throw new UsageError('No editor token; create one with: tokens create --role editor')
  return createClient({
    projectId: lake.run.projectId,
    dataset: lake.run.dataset,
    apiHost: lake.run.url,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    token: lake.editorToken,
  })
}

try {
  const config = readLakeConfig()
  const command = parseCommand(process.argv.slice(2))
  await runCommand(command, { ...config, dataDir: await pickOperatorDataDir(config.operatorDataDirs) })
} catch (error) {
  if (
    error instanceof UsageError ||
    (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    console.error(`${error.message}\n\n${USAGE}`)
    process.exit(2)
  }
  console.error(error instanceof Error ? `lake: ${error.message}` : error)
  process.exit(1)
}
