import type { Kysely } from 'kysely';
import type { AuthConfig } from '../../shared/auth/adapters/auth-settings.ts';
import type { AuthTables } from '../../shared/auth/adapters/auth-tables.ts';
import { createOpenIdIdentityProvider } from '../../shared/auth/adapters/identity-provider.openid-client.ts';
import { createJoseSessionTokens } from '../../shared/auth/adapters/session-tokens.jose.ts';
import { createSqlTokenFamilyStore } from '../../shared/auth/adapters/token-family-store.sql.ts';
import { createSqlUserRepository } from '../../shared/auth/adapters/user-repository.sql.ts';
import type { RefreshSessionDeps } from '../../shared/auth/application/refresh-session.ts';
import type { SignInWithCodeDeps } from '../../shared/auth/application/sign-in-with-code.ts';
import type { TokenFamilyStore } from '../../shared/auth/ports/token-family-store.port.ts';
import { systemClock } from '../../shared/kernel/clock.ts';
import { createSnowflake } from '../../shared/kernel/snowflake.ts';
import { requireSetting } from '../../shared/platform/config/platform-settings.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { createMemoryRateLimiterFactory } from '../../shared/platform/rate-limit/rate-limiter.memory.ts';
import type { RateLimiterFactory } from '../../shared/platform/rate-limit/rate-limiter.port.ts';

export interface AuthWiring {
  readonly useCases: SignInWithCodeDeps & RefreshSessionDeps;
  readonly rateLimiters: RateLimiterFactory;
  close(): Promise<void>;
}

/**
 * The profile's adapters. Users live in the SQL database in both profiles; token families and rate counters in
 * Redis with services (shared by every instance), in SQLite and memory when embedded. Redis is imported only when
 * used, so the embedded profile never loads it.
 */
export async function wireAuth(config: AuthConfig, logger: Logger): Promise<AuthWiring> {
  const clock = systemClock;
  const database = await openDatabase(config);
  const db = database.db as unknown as Kysely<AuthTables>;
  let families: TokenFamilyStore;
  let rateLimiters: RateLimiterFactory;
  let closeRedis = async (): Promise<void> => {};
  if (config.profile === 'services') {
    const [{ Redis }, { createRedisTokenFamilyStore }, { createRedisRateLimiterFactory }] = await Promise.all([
      import('ioredis'),
      import('../../shared/auth/adapters/token-family-store.redis.ts'),
      import('../../shared/platform/rate-limit/rate-limiter.redis.ts'),
    ]);
    const redis = new Redis(requireSetting(config.redisUrl, 'PILOG_REDIS_URL', 'in the services profile'), { maxRetriesPerRequest: 2, connectTimeout: 5000 });
    families = createRedisTokenFamilyStore(redis);
    rateLimiters = createRedisRateLimiterFactory(redis);
    closeRedis = async () => void (await redis.quit().catch(() => redis.disconnect()));
  } else {
    families = createSqlTokenFamilyStore(db, clock);
    rateLimiters = createMemoryRateLimiterFactory(clock);
  }
  const useCases = {
    identityProviders: { GOOGLE: createOpenIdIdentityProvider(config.oidc, logger) },
    users: createSqlUserRepository(db, createSnowflake(config.workerId, clock), clock),
    families,
    tokens: createJoseSessionTokens({ key: config.jwtKey, accessTtlSeconds: config.accessTtlSeconds, refreshTtlSeconds: config.refreshTtlSeconds, clock }),
    clock,
    adminEmails: config.adminEmails,
    refreshTtlSeconds: config.refreshTtlSeconds,
    refreshGraceSeconds: config.refreshGraceSeconds,
  };
  return {
    useCases,
    rateLimiters,
    close: async () => {
      await closeRedis();
      await database.close();
    },
  };
}
