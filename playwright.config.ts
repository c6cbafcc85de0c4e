import { defineConfig, devices } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './tests/support/chromium.ts'
import {
  E2E_BASE_URL,
  E2E_DATA_DIR,
  E2E_HOST,
  E2E_INBOX_PORT,
  E2E_LAKE_PORT,
  E2E_SMTP_PORT,
  E2E_PORT,
} from './tests/support/e2e-settings.ts'

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'chromium', testIgnore: ['reliability/**', 'studio.spec.ts'] },
    // The real Sanity Studio against the lake.
    { name: 'studio', testMatch: 'studio.spec.ts' },
    // Hostile input, security and fault checks against the same running site (`npm run test:reliability`).
    { name: 'reliability', testMatch: 'reliability/**/*.spec.ts', timeout: 120_000 },
  ],
  webServer: {
    // The same process tree as `npm start`, on its own port and data folder.
    // --fresh: every run starts from an empty data folder, so it sees exactly the demo content.
    command: 'node scripts/start.ts --fresh',
    url: `${E2E_BASE_URL}/`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      HOST: E2E_HOST,
      PORT: String(E2E_PORT),
      BLOG_DATA_DIR: E2E_DATA_DIR,
      LAKE_PORT: String(E2E_LAKE_PORT),
      MAIL_SMTP_PORT: String(E2E_SMTP_PORT),
      MAIL_INBOX_PORT: String(E2E_INBOX_PORT),
      NEXT_TELEMETRY_DISABLED: '1',
      SANITY_TELEMETRY_DISABLED: '1',
      // The tests stand in for one reverse proxy: each reader's X-Forwarded-For gives them an address of their own.
      TRUSTED_PROXY_HOPS: '1',
    },
  },
})
