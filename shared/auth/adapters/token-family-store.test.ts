import type { Kysely } from 'kysely';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.ts';
import type { DatabaseHandle, SqlDialect } from '../../platform/database/database.ts';
import { openTestDatabase, testDialects } from '../../platform/database/testing/test-databases.ts';
import { tokenFamilyStoreContract } from '../testing/token-family-store.contract.ts';
import type { AuthTables } from './auth-tables.ts';
import { createRedisTokenFamilyStore } from './token-family-store.redis.ts';
import { createSqlTokenFamilyStore } from './token-family-store.sql.ts';

const redis = new Redis(process.env.PILOG_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
const prefix = `pilog-test:family:${process.pid}:${Date.now()}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

tokenFamilyStoreContract('redis', () => createRedisTokenFamilyStore(redis, prefix));

describe('redis family expiry', () => {
  it('lets a family expire with its refresh lifetime, renewed by each rotation', async () => {
    const store = createRedisTokenFamilyStore(redis, prefix);
    await store.create({ fid: 'ttl', userId: 1, currentHash: 'a' }, 100);
    expect(await redis.ttl(`${prefix}:ttl`)).toBeGreaterThan(95);
    await store.rotate('ttl', { expectedHash: 'a', newHash: 'b', sealedPair: 's', at: 1 }, 500);
    expect(await redis.ttl(`${prefix}:ttl`)).toBeGreaterThan(495);
  });
});

for (const dialect of testDialects as SqlDialect[]) {
  let handle: DatabaseHandle;
  let now = Date.now();
  const clock = { now: () => now };
  describe(`sql family store on ${dialect}`, () => {
    beforeAll(async () => {
      handle = await openTestDatabase(dialect);
    });
    afterAll(() => handle?.close());

    tokenFamilyStoreContract(`sql/${dialect}`, () => createSqlTokenFamilyStore(handle.db.withTables<AuthTables>(), systemClock));

    it('hides and sweeps expired families', async () => {
      const store = createSqlTokenFamilyStore(handle.db.withTables<AuthTables>(), clock);
      await store.create({ fid: 'old', userId: 1, currentHash: 'a' }, 60);
      now += 61_000;
      expect(await store.find('old')).toBeNull();
      expect(await store.rotate('old', { expectedHash: 'a', newHash: 'b', sealedPair: 's', at: now }, 60)).toBe(false);
      await store.create({ fid: 'new', userId: 1, currentHash: 'a' }, 60);
      const rows = await handle.db.withTables<AuthTables>().selectFrom('auth_token_families').select('fid').where('fid', '=', 'old').execute();
      expect(rows).toEqual([]);
    });
  });
}
