import { decodeJwt } from 'jose';
import type { Kysely } from 'kysely';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSnowflake } from '../kernel/snowflake.ts';
import type { DatabaseHandle } from '../platform/database/database.ts';
import { openTestDatabase } from '../platform/database/testing/test-databases.ts';
import { DEFAULT_PIC_URL } from './adapters/auth-settings.ts';
import type { AuthTables } from './adapters/auth-tables.ts';
import { createJoseSessionTokens } from './adapters/session-tokens.jose.ts';
import { createRedisTokenFamilyStore } from './adapters/token-family-store.redis.ts';
import { createSqlTokenFamilyStore } from './adapters/token-family-store.sql.ts';
import { createSqlUserRepository } from './adapters/user-repository.sql.ts';
import { openSession } from './application/sign-in.ts';
import { refreshSession, type RefreshSessionDeps } from './application/refresh-session.ts';
import { signOut } from './application/sign-out.ts';
import type { TokenFamilyStore } from './ports/token-family-store.port.ts';

/** The rotation rules of §2.6, through the real use cases and adapters, for each family store. */
const redis = new Redis(process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
const prefix = `pilog-test:rotation:${process.pid}:${Date.now()}`;
let handle: DatabaseHandle;
let now = Date.now();
const clock = { now: () => now };

beforeAll(async () => {
  handle = await openTestDatabase('sqlite');
});
afterAll(async () => {
  await handle?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const stores: Array<[string, () => TokenFamilyStore]> = [
  ['redis', () => createRedisTokenFamilyStore(redis, prefix)],
  ['sqlite', () => createSqlTokenFamilyStore(handle.db.withTables<AuthTables>(), clock)],
];

describe.each(stores)('refresh rotation with the %s family store', (_name, makeStore) => {
  let deps: RefreshSessionDeps;
  const rejected = { ok: false, error: { code: 'REFRESH_REJECTED' } };

  beforeAll(() => {
    const db = handle.db.withTables<AuthTables>();
    deps = {
      tokens: createJoseSessionTokens({ key: new TextEncoder().encode('r'.repeat(32)), accessTtlSeconds: 3600, refreshTtlSeconds: 604800, clock }),
      families: makeStore(),
      users: createSqlUserRepository(db, createSnowflake(3, clock), clock),
      clock,
      refreshTtlSeconds: 604800,
      refreshGraceSeconds: 5,
      defaultPicUrl: DEFAULT_PIC_URL,
    };
  });

  const signIn = async (email: string) => openSession(deps, await deps.users.saveSignIn({ email, nickName: 'N', picUrl: null, roles: ['USER'] }));

  it('gives ten concurrent refreshes with one token the same new pair, from one rotation', async () => {
    const session = await signIn(`ten-${_name}@example.com`);
    const results = await Promise.all(Array.from({ length: 10 }, () => refreshSession(deps, { refreshToken: session.tokens.refresh })));
    const pairs = results.map((result) => (result.ok ? result.value.tokens : undefined));
    expect(pairs.every((pair) => pair !== undefined)).toBe(true);
    expect(new Set(pairs.map((pair) => JSON.stringify(pair))).size).toBe(1);
    expect(pairs[0]?.refresh).not.toBe(session.tokens.refresh);
    const family = await deps.families.find(String(decodeJwt(session.tokens.refresh).fid));
    expect(family?.currentHash).toBe(deps.tokens.hash(pairs[0]?.refresh as string));
  });

  it('answers a user the provider gave no picture with the default picture, never null', async () => {
    const session = await signIn(`no-picture-${_name}@example.com`);
    expect(session.loginInfo.picUrl).toBe(DEFAULT_PIC_URL);
    const refreshed = await refreshSession(deps, { refreshToken: session.tokens.refresh });
    expect(refreshed.ok && refreshed.value.loginInfo.picUrl).toBe(DEFAULT_PIC_URL);
  });

  it('replays within the grace window, then treats the stale token as theft and revokes the family', async () => {
    const session = await signIn(`stale-${_name}@example.com`);
    const rotated = await refreshSession(deps, { refreshToken: session.tokens.refresh });
    if (!rotated.ok) throw new Error('rotation failed');
    now += 5000;
    expect(await refreshSession(deps, { refreshToken: session.tokens.refresh })).toMatchObject({ ok: true, value: { tokens: rotated.value.tokens } });
    now += 1;
    expect(await refreshSession(deps, { refreshToken: session.tokens.refresh })).toMatchObject(rejected);
    // The thief's or the owner's current token is dead too: the whole family is gone.
    expect(await refreshSession(deps, { refreshToken: rotated.value.tokens.refresh })).toMatchObject(rejected);
  });

  it('revokes on a token two rotations old even within the window', async () => {
    const session = await signIn(`two-${_name}@example.com`);
    const first = await refreshSession(deps, { refreshToken: session.tokens.refresh });
    if (!first.ok) throw new Error('rotation failed');
    const second = await refreshSession(deps, { refreshToken: first.value.tokens.refresh });
    expect(second.ok).toBe(true);
    expect(await refreshSession(deps, { refreshToken: session.tokens.refresh })).toMatchObject(rejected);
  });

  it('re-reads roles from the database on rotation', async () => {
    const email = `promoted-${_name}@example.com`;
    const session = await signIn(email);
    await deps.users.saveSignIn({ email, nickName: 'N', picUrl: null, roles: ['ADMIN'] });
    const rotated = await refreshSession(deps, { refreshToken: session.tokens.refresh });
    expect(rotated.ok && rotated.value.loginInfo.roles).toEqual(['ADMIN']);
    expect(rotated.ok && decodeJwt(rotated.value.tokens.access).roles).toEqual(['ADMIN']);
  });

  it('keeps families of two sign-ins (two devices) apart', async () => {
    const email = `devices-${_name}@example.com`;
    const phone = await signIn(email);
    const laptop = await signIn(email);
    await signOut(deps, { accessToken: phone.tokens.access, refreshToken: undefined });
    expect(await refreshSession(deps, { refreshToken: phone.tokens.refresh })).toMatchObject(rejected);
    expect((await refreshSession(deps, { refreshToken: laptop.tokens.refresh })).ok).toBe(true);
  });

  it('rejects a missing cookie, an access token and an expired refresh token', async () => {
    const session = await signIn(`bad-${_name}@example.com`);
    expect(await refreshSession(deps, { refreshToken: undefined })).toMatchObject(rejected);
    expect(await refreshSession(deps, { refreshToken: session.tokens.access })).toMatchObject(rejected);
    expect(await refreshSession(deps, { refreshToken: 'garbage' })).toMatchObject(rejected);
    now += 604801 * 1000;
    expect(await refreshSession(deps, { refreshToken: session.tokens.refresh })).toMatchObject(rejected);
  });
});
