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
import { requireSetting } from '../../shared/platform/config/platform-settings.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import { openProcessIds } from '../../shared/platform/ids/process-ids.ts';
import { openRedis } from '../../shared/platform/redis/redis-client.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { openEventPublisher } from '../../shared/platform/messaging/open-event-publisher.ts';
import { createOutboxRelay } from '../../shared/platform/outbox/relay-outbox.ts';
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
  const processIds = await openProcessIds(config, logger);
  const database = await openDatabase(config);
  const db = database.db.withTables<AuthTables>();
  const publisher = await openEventPublisher(config, { clientId: 'auth-manage-session', logger });
  const relay = createOutboxRelay({ db: database.db, publisher, clock, logger });
  let families: TokenFamilyStore;
  let rateLimiters: RateLimiterFactory;
  let closeRedis = async (): Promise<void> => {};
  if (config.profile === 'services') {
    const [redis, { createRedisTokenFamilyStore }, { createRedisRateLimiterFactory }] = await Promise.all([
      openRedis(requireSetting(config.redisUrl, 'PILOG_REDIS_URL', 'in the services profile')),
      import('../../shared/auth/adapters/token-family-store.redis.ts'),
      import('../../shared/platform/rate-limit/rate-limiter.redis.ts'),
    ]);
    families = createRedisTokenFamilyStore(redis.client);
    rateLimiters = createRedisRateLimiterFactory(redis.client);
    closeRedis = () => redis.release();
  } else {
    families = createSqlTokenFamilyStore(db, clock);
    rateLimiters = createMemoryRateLimiterFactory(clock);
  }
  const useCases = {
    identityProviders: { GOOGLE: createOpenIdIdentityProvider(config.oidc, logger) },
    users: createSqlUserRepository(db, processIds.ids, clock, relay),
    families,
    tokens: createJoseSessionTokens({ key: config.jwtKey, accessTtlSeconds: config.accessTtlSeconds, refreshTtlSeconds: config.refreshTtlSeconds, clock }),
    clock,
    adminEmails: config.adminEmails,
    refreshTtlSeconds: config.refreshTtlSeconds,
    refreshGraceSeconds: config.refreshGraceSeconds,
    defaultPicUrl: config.defaultPicUrl,
  };
  return {
    useCases,
    rateLimiters,
    close: async () => {
      await closeRedis();
      await relay.drain();
      await processIds.release();
      await publisher.close();
      await database.close();
    },
  };
}
