import type { LakeRequest } from './request.ts'
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
  | 'error-reports'
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
  // The Studio's crash reports (Sentry envelopes): nobody reads them offline, so they are dropped.
  'error-reports': {},
  journey: null,
}

export function handleHostedFeature(request: LakeRequest, feature: HostedFeature): void {
  // Onboarding journeys are looked up one by one; `null` means "none" without the console error a 404 logs.
  sendJson(request.res, 200, ANSWERS[feature])
}
