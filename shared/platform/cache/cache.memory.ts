import type { Clock } from '../../kernel/clock.ts';
import { cacheOfJsonText, type Cache } from './cache.port.ts';

/**
 * An in-process LRU with per-entry expiry, for the embedded profile. Values are stored as JSON text so a caller
 * can never mutate what another caller reads.
 */
export function createMemoryCache(options: { maxEntries: number; clock: Clock }): Cache {
  const entries = new Map<string, { json: string; expiresAt: number }>();
  return cacheOfJsonText({
    async getJson(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= options.clock.now()) return undefined;
      entries.set(key, entry); // most recently used goes last
      return entry.json;
    },
    async setJson(key, json, ttlSeconds) {
      entries.delete(key);
      entries.set(key, { json, expiresAt: options.clock.now() + ttlSeconds * 1000 });
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    },
    async delete(keys) {
      for (const key of keys) entries.delete(key);
    },
  });
}
