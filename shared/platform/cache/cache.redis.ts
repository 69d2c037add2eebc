import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.ts';
import { throttledWarning } from '../logging/throttled-warning.ts';
import { instruments } from '../telemetry/instruments.ts';
import { telemetryOn } from '../telemetry/telemetry.ts';
import { cacheOfJsonText, type Cache } from './cache.port.ts';

/**
 * After a failed or timed-out command, reads and writes skip Redis for this long (misses, writes not made): with
 * Redis hung, a process pays the command timeout once per pause, not on every lookup of every request.
 */
const SKIP_AFTER_FAILURE_MS = 3_000;
const WARNING_INTERVAL_MS = 30_000;

/**
 * The services profile's cache: shared by every instance, so one writer's delete is seen by all readers. Redis is
 * optional for reads: a failure is a miss, and the reader goes to the database.
 */
export function createRedisCache(redis: Redis, options: { prefix: string; logger: Logger }): Cache {
  const full = (key: string): string => `${options.prefix}${key}`;
  const warn = throttledWarning(options.logger, 'cache unavailable; reading from the database', WARNING_INTERVAL_MS);
  let skipUntil = 0;
  const skipping = (): boolean => performance.now() < skipUntil;
  const failed = (operation: 'get' | 'set' | 'delete'): void => {
    if (telemetryOn()) instruments.cacheErrors().add(1, { 'pilog.cache.operation': operation });
  };
  const degrade = (operation: 'get' | 'set', error: unknown): undefined => {
    failed(operation);
    skipUntil = performance.now() + SKIP_AFTER_FAILURE_MS;
    warn({ operation, error });
    return undefined;
  };
  return cacheOfJsonText({
    async getJson(key) {
      if (skipping()) return undefined;
      try {
        return (await redis.get(full(key))) ?? undefined;
      } catch (error) {
        return degrade('get', error);
      }
    },
    async setJson(key, json, ttlSeconds) {
      if (skipping()) return;
      await redis.set(full(key), json, 'EX', ttlSeconds).catch((error: unknown) => degrade('set', error));
    },
    // A failed delete is not degraded quietly: a writer must know its readers could see stale data.
    async delete(keys) {
      if (keys.length === 0) return;
      await redis.del(...keys.map(full)).catch((error: unknown) => {
        failed('delete');
        throw error;
      });
    },
  });
}
