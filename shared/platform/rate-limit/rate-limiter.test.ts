import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryRateLimiterFactory } from './rate-limiter.memory.ts';
import { createRedisRateLimiterFactory } from './rate-limiter.redis.ts';
import { parseRateRules } from './rate-rules.ts';
import { rateLimiterContract } from './testing/rate-limiter.contract.ts';

const redis = new Redis(process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
const prefix = `pilog-test:rate:${process.pid}:${Date.now()}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

rateLimiterContract('memory', () => createMemoryRateLimiterFactory());
rateLimiterContract('redis', () => createRedisRateLimiterFactory(redis, prefix));

describe('rate rules', () => {
  it('parses limits per window', () => {
    expect(parseRateRules('5/1m, 30/1h')).toEqual([
      { limit: 5, windowSeconds: 60 },
      { limit: 30, windowSeconds: 3600 },
    ]);
    expect(parseRateRules('10/m,2/30s,1/1d')).toEqual([
      { limit: 10, windowSeconds: 60 },
      { limit: 2, windowSeconds: 30 },
      { limit: 1, windowSeconds: 86400 },
    ]);
  });

  it.each(['', '5', '5/1x', 'a/1m', '0/1m', '5/0m'])('rejects %j', (text) => {
    expect(() => parseRateRules(text)).toThrow(/must/);
  });
});
