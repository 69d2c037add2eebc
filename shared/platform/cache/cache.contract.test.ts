import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { openRedis } from '../redis/redis-client.ts';
import type { Cache } from './cache.port.ts';
import { cached } from './cache.port.ts';
import { createMemoryCache } from './cache.memory.ts';
import { createRedisCache } from './cache.redis.ts';

let now = 1_000_000;
const clock = { now: () => now };
const redisUrl = process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = await openRedis({ url: redisUrl }, createLogger({ level: 'error' }));
afterAll(() => redis.release());

const adapters: Array<[string, () => Cache]> = [
  ['in-process LRU', () => createMemoryCache({ maxEntries: 3, clock })],
  ['Redis', () => createRedisCache(redis.client, { prefix: `pilog:test:${process.pid}:${Math.random()}:`, logger: createLogger({ sink: { write: () => {} } }) })],
];

describe.each(adapters)('cache contract: %s', (_name, create) => {
  it('stores, returns copies, and deletes', async () => {
    const cache = create();
    const value = { title: '제목', tags: [{ id: 1, name: 'kotlin' }] };
    await cache.set('a', value, 60);
    value.title = 'changed';
    expect(await cache.get('a')).toEqual({ title: '제목', tags: [{ id: 1, name: 'kotlin' }] });
    await cache.delete(['a', 'missing']);
    expect(await cache.get('a')).toBeUndefined();
  });

  it('keeps JSON text as it was given, and decodes it for get', async () => {
    const cache = create();
    const text = '[ {"id": 1, "name": "제목"} ]';
    await cache.setJson('text', text, 60);
    expect(await cache.getJson('text')).toBe(text);
    expect(await cache.get('text')).toEqual([{ id: 1, name: '제목' }]);
    await cache.set('value', { id: 2 }, 60);
    expect(await cache.getJson('value')).toBe('{"id":2}');
    expect(await cache.getJson('missing')).toBeUndefined();
  });

  it('reads through once and then serves the stored value', async () => {
    const cache = create();
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cached(cache, 'k', 60, load)).toEqual({ n: 1 });
    expect(await cached(cache, 'k', 60, load)).toEqual({ n: 1 });
    expect(loads).toBe(1);
  });
});

describe('in-process LRU', () => {
  it('expires entries and evicts the least recently used beyond its size', async () => {
    const cache = createMemoryCache({ maxEntries: 2, clock });
    await cache.set('old', 1, 10);
    await cache.set('kept', 2, 10);
    await cache.get('old');
    await cache.set('new', 3, 10);
    expect(await cache.get('kept')).toBeUndefined();
    expect(await cache.get('old')).toBe(1);
    now += 11_000;
    expect(await cache.get('new')).toBeUndefined();
  });
});

describe('Redis cache', () => {
  it('expires entries server-side', async () => {
    const cache = createRedisCache(redis.client, { prefix: `pilog:test:${process.pid}:ttl:`, logger: createLogger({ sink: { write: () => {} } }) });
    await cache.set('short', 'x', 1);
    expect(await cache.get('short')).toBe('x');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await cache.get('short')).toBeUndefined();
  });
});
