import type { AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { rateLimited, type RateLimiter } from '../../platform/rate-limit/rate-limiter.port.ts';

/** The comment context's abuse limits (§2.4): creation per client address and per article, password guesses per address. */
export interface CommentLimits {
  readonly creationPerClient: RateLimiter;
  readonly creationPerArticle: RateLimiter;
  readonly passwordAttemptsPerClient: RateLimiter;
}

/** Counts a hit against the limit, or (`check`) only asks whether one would be allowed. */
export async function withinLimit(limiter: RateLimiter, key: string, mode: 'hit' | 'check' = 'hit'): Promise<Result<void, AppError>> {
  const decision = await limiter[mode](key);
  return decision.allowed ? ok(undefined) : err(rateLimited(decision.retryAfterSeconds));
}
