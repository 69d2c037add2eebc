import { platformSettings } from '../../platform/config/platform-settings.ts';

/** What the memo context's adapters need: the database, the cache, the event broker, and Redis for the id lease. */
export const memoSettings = {
  profile: platformSettings.profile,
  dataDir: platformSettings.dataDir,
  mysqlUrl: platformSettings.mysqlUrl,
  redisUrl: platformSettings.redisUrl,
  redisCommandTimeoutMs: platformSettings.redisCommandTimeoutMs,
  kafkaBrokers: platformSettings.kafkaBrokers,
};
