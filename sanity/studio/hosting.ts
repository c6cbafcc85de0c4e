import type { WorkspaceOptions } from 'sanity'
import type { StudioEnv } from './studio-env.ts'
import { assertNever } from '../../lib/assert-never.ts'

export type HostingOptions = Pick<
  WorkspaceOptions,
  | 'projectId'
  | 'dataset'
  | 'apiHost'
  | 'auth'
  | 'tasks'
  | 'releases'
  | 'scheduledDrafts'
  | 'scheduledPublishing'
  | 'announcements'
  | 'apps'
> & { commentsEnabled: boolean }

/** The part of the Studio config that differs between the lake (or another stand-in) and hosted Sanity. */
export function buildHostingOptions(env: StudioEnv): HostingOptions {
  switch (env.mode) {
    case 'hosted':
      // Sanity's defaults: every hosted feature stays as the project's plan provides it.
      return {
        projectId: env.projectId,
        dataset: env.dataset,
        ...(env.apiHost === undefined ? {} : { apiHost: env.apiHost }),
        commentsEnabled: true,
      }
    case 'local':
    case 'stand-in':
      return {
        projectId: env.projectId,
        dataset: env.dataset,
        apiHost: env.apiHost,
        // Editors arrive through the `#token=…` link that `npm start` (or `start:stack`) prints; the lake
        // checks it. A stand-in has no sanity.io login to send them to.
        auth: { loginMethod: 'token' },
        // The lake serves none of these; left on, they keep listeners and upsell calls open.
        // scheduledDrafts defaults to on even when releases are off, and brings its own tool.
        tasks: { enabled: false },
        releases: { enabled: false },
        scheduledDrafts: { enabled: false },
        scheduledPublishing: { enabled: false },
        announcements: { enabled: false },
        apps: { canvas: { enabled: false } },
        commentsEnabled: false,
      }
    default:
      return assertNever(env, 'Studio mode')
  }
}
