import { platformSettings } from '../../platform/config/platform-settings.ts';
import { identifySettings } from '../../platform/http/identify.ts';

/** What the blog's functions read: the database, the cache (Redis in services), and the caller's access cookie. */
export const blogReadSettings = {
  ...identifySettings,
  mysqlUrl: platformSettings.mysqlUrl,
  redisUrl: platformSettings.redisUrl,
  redisCommandTimeoutMs: platformSettings.redisCommandTimeoutMs,
};

/** Writers also make ids (leasing their worker id in Redis with services) and publish their events (Kafka in services). */
export const blogWriteSettings = {
  ...blogReadSettings,
  kafkaBrokers: platformSettings.kafkaBrokers,
};
