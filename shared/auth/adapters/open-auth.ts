import type { Platform } from '../../platform/runtime/open-platform.ts';
import type { RefreshSessionDeps } from '../application/refresh-session.ts';
import type { SignInWithCodeDeps } from '../application/sign-in.ts';
import type { TokenFamilyStore } from '../ports/token-family-store.port.ts';
import type { AuthConfig } from './auth-settings.ts';
import type { AuthTables } from './auth-tables.ts';
import { createOpenIdIdentityProvider } from './identity-provider.openid-client.ts';
import { createJoseSessionTokens } from './session-tokens.jose.ts';
import { createSqlTokenFamilyStore } from './token-family-store.sql.ts';
import { createSqlUserRepository } from './user-repository.sql.ts';

export type AuthDeps = SignInWithCodeDeps & RefreshSessionDeps;

/**
 * The sign-in and refresh use cases' dependencies on the platform. Users live in the SQL database in both profiles;
 * token families in Redis with services (shared by every instance) and in SQLite when embedded. The Redis store is
 * imported only when used, so the embedded profile never loads it.
 */
export async function openAuth(platform: Platform, config: AuthConfig): Promise<AuthDeps> {
  const { clock, logger } = platform;
  const [database, ids, relay] = await Promise.all([platform.database(), platform.ids(), platform.relay()]);
  const db = database.db.withTables<AuthTables>();
  let families: TokenFamilyStore;
  if (platform.profile === 'services') {
    const [redis, { createRedisTokenFamilyStore }] = await Promise.all([platform.redis(), import('./token-family-store.redis.ts')]);
    families = createRedisTokenFamilyStore(redis);
  } else families = createSqlTokenFamilyStore(db, clock);
  return {
    identityProviders: { GOOGLE: createOpenIdIdentityProvider(config.oidc, logger) },
    users: createSqlUserRepository(db, ids, clock, relay),
    families,
    tokens: createJoseSessionTokens({ key: config.jwtKey, accessTtlSeconds: config.accessTtlSeconds, refreshTtlSeconds: config.refreshTtlSeconds, clock }),
    clock,
    adminEmails: config.adminEmails,
    refreshTtlSeconds: config.refreshTtlSeconds,
    refreshGraceSeconds: config.refreshGraceSeconds,
    defaultPicUrl: config.defaultPicUrl,
  };
}
