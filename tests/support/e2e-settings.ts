import { resolve } from 'node:path'

// One place for where the end-to-end run puts its servers and data, shared by the Playwright config and the specs.
export const E2E_HOST = '127.0.0.1'
// E2E_* variables move a run elsewhere (another port set and data folder), so two runs on one machine never collide.
const portOf = (name: string, fallback: number): number => {
  const value = Number(process.env[name])
  return Number.isInteger(value) && value > 0 ? value : fallback
}
export const E2E_PORT = portOf('E2E_PORT', 3100)
export const E2E_BASE_URL = `http://${E2E_HOST}:${E2E_PORT}`
export const E2E_DATA_DIR = resolve(import.meta.dirname, '../..', process.env.E2E_DATA_DIR || '.data/e2e')
// Ports of their own, so an `npm start` left running on the defaults does not collide with the tests.
export const E2E_LAKE_PORT = portOf('E2E_LAKE_PORT', 4645)
export const E2E_LAKE_URL = `http://${E2E_HOST}:${E2E_LAKE_PORT}`
export const E2E_SMTP_PORT = portOf('E2E_SMTP_PORT', 2625)
export const E2E_INBOX_PORT = portOf('E2E_INBOX_PORT', 2680)
export const E2E_INBOX_URL = `http://${E2E_HOST}:${E2E_INBOX_PORT}`
