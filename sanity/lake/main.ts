import { readLakeConfig, readWebhookDefinitions } from './config.ts'
import { startLake } from './server.ts'

const config = readLakeConfig()
const lake = await startLake({
  dataDir: config.dataDir,
  host: config.host,
  port: config.port,
  tlsPort: config.tlsPort,
  projectId: config.projectId,
  dataset: config.dataset,
  webhooks: await readWebhookDefinitions(config.webhooksFile),
  studioDir: config.studioDir,
  historyRetention: config.historyRetention,
  queryLimits: config.queryLimits,
})
console.log(
  `Content lake listening on ${lake.url} (project ${lake.projectId}, dataset ${lake.dataset}, data ${config.dataDir})`,
)
if (lake.tlsUrl !== null)
  console.log(`HTTP/2 for the Studio on ${lake.tlsUrl} (trust ${lake.caFile ?? 'the local CA'} once)`)
console.log('Tokens: npm run lake -- info --secrets')

const shutdown = (): void => {
  lake.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('[lake] shutdown failed', error)
      process.exit(1)
    },
  )
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
