import type { LakeRequest } from './request.ts'
import { buildGatewayError } from './errors.ts'
import { sendJson } from './respond.ts'

/**
 * Answers for the hosted-only features the Studio probes (plans, scheduling, deployed studios,
 * upsell journeys, telemetry). The lake offers none of them, and each answer says so in the shape
 * the Studio expects, so it hides the feature instead of reporting an error.
 */
export type HostedFeature =
  | 'features'
  | 'help'
  | 'user-applications'
  | 'schedules'
  | 'access-requests'
  | 'indexing-settings'
  | 'subscription'
  | 'telemetry-status'
  | 'telemetry-batch'
  | 'journey'

const ANSWERS: { [feature in HostedFeature]: unknown } = {
  features: [],
  help: {},
  'user-applications': [],
  schedules: { schedules: [] },
  'access-requests': [],
  'indexing-settings': {},
  subscription: {},
  // Consent is denied, so the Studio sends no telemetry worth keeping; the batch is acknowledged.
  'telemetry-status': { status: 'denied' },
  'telemetry-batch': {},
  journey: null,
}

export function handleHostedFeature(request: LakeRequest, feature: HostedFeature): void {
  // Onboarding journeys are looked up one by one and a 404 simply means "none".
  if (feature === 'journey') throw buildGatewayError(404, 'Not Found', 'No such journey')
  sendJson(request.res, 200, ANSWERS[feature])
}
