import { readLakeConfig, readWebhookDefinitions } from './config.ts'
import { startLake } from './server.ts'

const config = readLakeConfig()
const lake = await startLake({
  dataDir: config.dataDir,
  host: config.host,
  port: config.port,
  projectId: config.projectId,
  dataset: config.dataset,
  webhooks: await readWebhookDefinitions(config.webhooksFile),
})
console.log(
  `Content lake listening on ${lake.url} (project ${lake.projectId}, dataset ${lake.dataset}, data ${config.dataDir})`,
)
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
