import { memoSettings } from '../../shared/memo/adapters/memo-settings.ts';
import { text } from '../../shared/platform/config/setting.ts';
import { defaultResources, defaultScaling, type CronTrigger, type FunctionManifest } from '../../shared/platform/runtime/manifest.ts';

/** Mondays 00:00 Asia/Seoul (Sunday 15:00 UTC), as the frontend tells USER accounts. */
export const DEFAULT_PURGE_SCHEDULE = '0 15 * * 0';

export const manifest = {
  name: 'memo-purge-sandbox',
  description: "Resets the public demo: deletes every non-ADMIN author's memos and folders; off unless PILOG_MEMO_PURGE_CRON is set",
  trigger: { kind: 'cron', schedule: DEFAULT_PURGE_SCHEDULE },
  scaling: { ...defaultScaling, maxScale: 1, concurrency: 1, timeoutSeconds: 300 },
  resources: defaultResources,
  settings: {
    ...memoSettings,
    purgeCron: text('PILOG_MEMO_PURGE_CRON', {
      default: '',
      description: `five-field UTC cron of the sandbox purge (e.g. "${DEFAULT_PURGE_SCHEDULE}"); empty = off: no PingSource, and a tick purges nothing`,
    }),
  },
} as const satisfies FunctionManifest<CronTrigger>;
