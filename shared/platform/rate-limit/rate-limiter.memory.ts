import { systemClock, type Clock } from '../../kernel/clock.ts';
import type { RateDecision, RateLimiter, RateLimiterFactory, RateRule } from './rate-limiter.port.ts';

interface Window {
  count: number;
  resetAt: number;
}

const SWEEP_EVERY = 1000;

/** Fixed windows in a Map, for the embedded profile (one process). Expired windows are swept now and then. */
export function createMemoryRateLimiterFactory(clock: Clock = systemClock): RateLimiterFactory {
  const windows = new Map<string, Window>();
  let hits = 0;
  const sweep = (now: number): void => {
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
  };
  return (name: string, rules: readonly RateRule[]): RateLimiter => {
    const decide = (key: string, counted: 0 | 1): RateDecision => {
      const now = clock.now();
      if (++hits % SWEEP_EVERY === 0) sweep(now);
      let waitMs = 0;
      for (const rule of rules) {
        const id = `${name}:${rule.windowSeconds}:${key}`;
        let window = windows.get(id);
        if (!window || window.resetAt <= now) {
          window = { count: 0, resetAt: now + rule.windowSeconds * 1000 };
          windows.set(id, window);
        }
        window.count += counted;
        if (window.count + 1 - counted > rule.limit) waitMs = Math.max(waitMs, window.resetAt - now);
      }
      return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { allowed: true };
    };
    return { hit: async (key) => decide(key, 1), check: async (key) => decide(key, 0) };
  };
}
