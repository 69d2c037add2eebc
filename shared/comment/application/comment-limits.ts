import type { AppError } from '../../kernel/app-error.ts';
import { err, ok, type Result } from '../../kernel/result.ts';
import { rateLimited, type RateLimiter } from '../../platform/rate-limit/rate-limiter.port.ts';

/** The comment context's abuse limits (§2.4): creation per client address and per article, password guesses per address. */
export interface CommentLimits {
  readonly creationPerClient: RateLimiter;
  readonly creationPerArticle: RateLimiter;
  readonly passwordAttemptsPerClient: RateLimiter;
}

export async function withinLimit(limiter: RateLimiter, key: string): Promise<Result<void, AppError>> {
  const decision = await limiter.hit(key);
  return decision.allowed ? ok(undefined) : err(rateLimited(decision.retryAfterSeconds));
}
