import { describe, expect, it } from 'vitest';
import type { RateLimiterFactory } from '../rate-limiter.port.ts';

/** One behaviour for every adapter: the suite each adapter's test runs. */
export function rateLimiterContract(adapter: string, factory: () => RateLimiterFactory): void {
  const unique = () => `k-${Math.random().toString(36).slice(2)}`;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  describe(`rate limiter (${adapter})`, () => {
    it('allows up to the limit, then refuses with the seconds left in the window', async () => {
      const limiter = factory()('test', [{ limit: 3, windowSeconds: 60 }]);
      const key = unique();
      for (let i = 0; i < 3; i++) expect(await limiter.hit(key)).toEqual({ allowed: true });
      const refused = await limiter.hit(key);
      expect(refused.allowed).toBe(false);
      if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
      if (!refused.allowed) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    });

    it('keeps keys and limit names apart', async () => {
      const make = factory();
      const a = make('a', [{ limit: 1, windowSeconds: 60 }]);
      const b = make('b', [{ limit: 1, windowSeconds: 60 }]);
      const key = unique();
      expect((await a.hit(key)).allowed).toBe(true);
      expect((await a.hit(key)).allowed).toBe(false);
      expect((await a.hit(unique())).allowed).toBe(true);
      expect((await b.hit(key)).allowed).toBe(true);
    });

    it('applies every rule and answers the longest wait', async () => {
      const limiter = factory()('multi', [
        { limit: 2, windowSeconds: 1 },
        { limit: 3, windowSeconds: 3600 },
      ]);
      const key = unique();
      expect((await limiter.hit(key)).allowed).toBe(true);
      expect((await limiter.hit(key)).allowed).toBe(true);
      const short = await limiter.hit(key);
      expect(short).toEqual({ allowed: false, retryAfterSeconds: 1 });
      await sleep(1100);
      // The short window reopened, but the hour already holds 3 hits.
      const long = await limiter.hit(key);
      expect(long.allowed).toBe(false);
      if (!long.allowed) expect(long.retryAfterSeconds).toBeGreaterThan(3500);
    });

    it('checks without counting: a check answers what the next hit would, and spends nothing', async () => {
      const limiter = factory()('check', [{ limit: 2, windowSeconds: 60 }]);
      const key = unique();
      for (let i = 0; i < 5; i++) expect(await limiter.check(key)).toEqual({ allowed: true });
      expect((await limiter.hit(key)).allowed).toBe(true);
      expect((await limiter.check(key)).allowed).toBe(true);
      expect((await limiter.hit(key)).allowed).toBe(true);
      const full = await limiter.check(key);
      expect(full.allowed).toBe(false);
      if (!full.allowed) expect(full.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    });

    it('counts concurrent hits exactly', async () => {
      const limiter = factory()('burst', [{ limit: 10, windowSeconds: 60 }]);
      const key = unique();
      const decisions = await Promise.all(Array.from({ length: 25 }, () => limiter.hit(key)));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    });
  });
}
