import { platformSettings } from '../../platform/config/platform-settings.ts';

/** What the memo context's adapters need: the database, the cache, the event broker, the id worker. */
export const memoSettings = {
  profile: platformSettings.profile,
  workerId: platformSettings.workerId,
  dataDir: platformSettings.dataDir,
  mysqlUrl: platformSettings.mysqlUrl,
  redisUrl: platformSettings.redisUrl,
  kafkaBrokers: platformSettings.kafkaBrokers,
};
