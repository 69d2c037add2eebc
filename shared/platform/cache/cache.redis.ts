import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.ts';
import type { Cache } from './cache.port.ts';

/** The services profile's cache: shared by every instance, so one writer's delete is seen by all readers. */
export function createRedisCache(redis: Redis, options: { prefix: string; logger: Logger }): Cache {
  const full = (key: string): string => `${options.prefix}${key}`;
  const degrade = (operation: string, error: unknown): undefined => {
    options.logger.warn('cache unavailable', { operation, error });
    return undefined;
  };
  return {
    async get<T>(key: string): Promise<T | undefined> {
      try {
        const json = await redis.get(full(key));
        return json === null ? undefined : (JSON.parse(json) as T);
      } catch (error) {
        return degrade('get', error);
      }
    },
    async set(key, value, ttlSeconds) {
      await redis.set(full(key), JSON.stringify(value), 'EX', ttlSeconds).catch((error: unknown) => degrade('set', error));
    },
    // A failed delete is not degraded quietly: a writer must know its readers could see stale data.
    async delete(keys) {
      if (keys.length > 0) await redis.del(...keys.map(full));
    },
  };
}
