import { platformSettings } from '../../shared/platform/config/platform-settings.ts';
import { defaultResources, defaultScaling, type CronTrigger, type FunctionManifest } from '../../shared/platform/runtime/manifest.ts';

export const manifest = {
  name: 'events-sweep-outbox',
  description: 'Publishes outbox events the fast path left behind (broker down, writer gone), oldest first, every minute',
  trigger: { kind: 'cron', schedule: '* * * * *' },
  // One sweeper at a time keeps the oldest-first order simple; the row claims make an overlap safe anyway.
  scaling: { ...defaultScaling, maxScale: 1, concurrency: 1, timeoutSeconds: 60 },
  resources: defaultResources,
  settings: {
    profile: platformSettings.profile,
    dataDir: platformSettings.dataDir,
    mysqlUrl: platformSettings.mysqlUrl,
    kafkaBrokers: platformSettings.kafkaBrokers,
  },
} as const satisfies FunctionManifest<CronTrigger>;
