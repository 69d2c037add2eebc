import { appError, type AppError } from '../../kernel/app-error.ts';

/** At most `limit` hits per key in each fixed window of `windowSeconds`. */
export interface RateRule {
  readonly limit: number;
  readonly windowSeconds: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Counts hits per key (a client address, an article id, …) against every rule of one named limit. A hit is counted
 * even when refused, so hammering does not open a window early. Shared by instances in the services profile (Redis),
 * per process in the embedded profile (memory).
 */
export interface RateLimiter {
  hit(key: string): Promise<RateDecision>;
  /** Whether a hit now would be allowed, counting nothing: for limits spent only by requests that succeed. */
  check(key: string): Promise<RateDecision>;
}

/** Builds a limiter for one named limit (`signin`, `comment-ip`, …); the name keeps limits' counters apart. */
export type RateLimiterFactory = (name: string, rules: readonly RateRule[]) => RateLimiter;

export const rateLimited = (retryAfterSeconds: number): AppError =>
  appError('RATE_LIMITED', 'too many requests, try again later', Math.max(1, Math.ceil(retryAfterSeconds)));
