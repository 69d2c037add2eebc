import type { Redis } from 'ioredis';
import { unlessRedisFails } from '../redis/redis-client.ts';
import type { RateDecision, RateLimiter, RateLimiterFactory, RateRule } from './rate-limiter.port.ts';

/**
 * One fixed-window counter per rule; all rules of a hit are counted in one atomic script, which answers how many
 * milliseconds the caller must wait (0 = allowed). The counter expires with its window, so Redis holds nothing
 * stale.
 */
const HIT = `
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, window) end
  if count > limit then
    local ttl = redis.call('PTTL', key)
    if ttl > wait then wait = ttl end
  end
end
return wait
`;

/** The same answer as a hit would give, counting nothing. */
const CHECK = `
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local count = tonumber(redis.call('GET', key) or '0')
  if count + 1 > limit then
    local ttl = redis.call('PTTL', key)
    if ttl > wait then wait = ttl end
  end
end
return wait
`;

export function createRedisRateLimiterFactory(redis: Redis, prefix = 'pilog:rate'): RateLimiterFactory {
  return (name: string, rules: readonly RateRule[]): RateLimiter => {
    const decide = async (script: string, key: string): Promise<RateDecision> => {
      const keys = rules.map((rule) => `${prefix}:${name}:${rule.windowSeconds}:${key}`);
      const args = rules.flatMap((rule) => [rule.limit, rule.windowSeconds * 1000]);
      const waitMs = Number(await unlessRedisFails('the rate limiter', redis.eval(script, keys.length, ...keys, ...args)));
      return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { allowed: true };
    };
    return { hit: (key) => decide(HIT, key), check: (key) => decide(CHECK, key) };
  };
}
