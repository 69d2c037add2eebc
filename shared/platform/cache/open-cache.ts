import { systemClock } from '../../kernel/clock.ts';
import { requireSetting } from '../config/platform-settings.ts';
import type { Logger } from '../logging/logger.ts';
import { openRedis } from '../redis/redis-client.ts';
import { instruments } from '../telemetry/instruments.ts';
import { telemetryOn } from '../telemetry/telemetry.ts';
import type { Cache } from './cache.port.ts';
import { createMemoryCache } from './cache.memory.ts';

const processCaches = new Map<string, Cache>();

/** Counts each lookup, decoded or as text, as a hit or a miss (telemetry on): the cache hit ratio. */
function counted(cache: Cache): Cache {
  const count = <T>(value: T | undefined): T | undefined => {
    instruments.cacheLookups().add(1, { 'pilog.cache.result': value === undefined ? 'miss' : 'hit' });
    return value;
  };
  return {
    ...cache,
    get: async <T>(key: string) => count(await cache.get<T>(key)),
    getJson: async (key) => count(await cache.getJson(key)),
  };
}

/**
 * The profile's cache for one context (`namespace`). Embedded: one LRU per namespace per process, so the dev
 * host's writer and reader functions share it and invalidation reaches the reader at once. Services: Redis.
 */
export async function openCache(
  settings: { profile: 'embedded' | 'services'; redisUrl: string; redisCommandTimeoutMs?: number },
  namespace: string,
  logger: Logger,
): Promise<{ cache: Cache; close(): Promise<void> }> {
  if (settings.profile === 'embedded') {
    let cache = processCaches.get(namespace);
    if (!cache) processCaches.set(namespace, (cache = createMemoryCache({ maxEntries: 2000, clock: systemClock })));
    return { cache: telemetryOn() ? counted(cache) : cache, close: async () => {} };
  }
  const url = requireSetting(settings.redisUrl, 'PILOG_REDIS_URL', 'in the services profile');
  const redis = await openRedis({ url, commandTimeoutMs: settings.redisCommandTimeoutMs }, logger);
  const { createRedisCache } = await import('./cache.redis.ts');
  const cache = createRedisCache(redis.client, { prefix: `pilog:${namespace}:`, logger });
  return { cache: telemetryOn() ? counted(cache) : cache, close: () => redis.release() };
}
