import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.ts';
import { createSnowflake } from '../../kernel/snowflake.ts';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import { openTestDatabase, testDialects } from '../../platform/database/testing/test-databases.ts';
import type { SignInFields } from '../domain/user.ts';
import type { AuthTables } from './auth-tables.ts';
import { createSqlUserRepository } from './user-repository.sql.ts';
import type { OutgoingEvent } from '../../platform/messaging/event-publisher.port.ts';
import { createOutboxRelay } from '../../platform/outbox/relay-outbox.ts';
import { createLogger } from '../../platform/logging/logger.ts';

const fields = (overrides: Partial<SignInFields> = {}): SignInFields => ({
  email: 'ann@example.com',
  nickName: 'Ann',
  picUrl: 'https://lh3.googleusercontent.com/a/1',
  roles: ['USER'],
  ...overrides,
});

describe.each(testDialects)('user repository on %s', (dialect) => {
  let handle: DatabaseHandle;
  const repository = () => createSqlUserRepository(handle.db.withTables<AuthTables>(), createSnowflake(Math.floor(Math.random() * 128), systemClock), systemClock);
  beforeAll(async () => {
    handle = await openTestDatabase(dialect);
  });
  afterAll(() => handle?.close());

  it('inserts a new user and finds it by id', async () => {
    const users = repository();
    const user = await users.saveSignIn(fields({ email: 'new@example.com', nickName: '지니아' }));
    expect(user).toMatchObject({ email: 'new@example.com', nickName: '지니아', roles: ['USER'] });
    expect(Number.isSafeInteger(user.id)).toBe(true);
    expect(await users.findById(user.id)).toEqual(user);
    expect(await users.findById(1)).toBeNull();
  });

  it('upserts by email: same id, refreshed nickname, picture and roles', async () => {
    const users = repository();
    const first = await users.saveSignIn(fields({ email: 'same@example.com' }));
    const second = await users.saveSignIn(fields({ email: 'same@example.com', nickName: 'Renamed', picUrl: null, roles: ['ADMIN'] }));
    expect(second).toEqual({ id: first.id, email: 'same@example.com', nickName: 'Renamed', picUrl: null, roles: ['ADMIN'] });
    expect(await users.findById(first.id)).toEqual(second);
  });

  it('raises userProfileChanged through the outbox at every sign-in, and publishes it once committed', async () => {
    const published: OutgoingEvent[] = [];
    const publisher = { publish: async (events: readonly OutgoingEvent[]) => void published.push(...events), close: async () => {} };
    const relay = createOutboxRelay({ db: handle.db, publisher, clock: systemClock, logger: createLogger({ sink: { write: () => {} } }) });
    const users = createSqlUserRepository(handle.db.withTables<AuthTables>(), createSnowflake(5, systemClock), systemClock, relay);
    const first = await users.saveSignIn(fields({ email: 'events@example.com', nickName: 'First' }));
    await users.saveSignIn(fields({ email: 'events@example.com', nickName: 'Second', picUrl: null, roles: ['ADMIN'] }));
    await relay.drain();
    const rows = await handle.db.selectFrom('outbox').selectAll().where('aggregateid', '=', String(first.id)).orderBy('id').execute();
    expect(rows.map((row) => [row.type, JSON.parse(row.payload), row.published_at !== null])).toEqual([
      ['pilog.auth.user.profile-changed.v1', { userId: first.id, nickName: 'First', picUrl: 'https://lh3.googleusercontent.com/a/1', roles: ['USER'] }, true],
      ['pilog.auth.user.profile-changed.v1', { userId: first.id, nickName: 'Second', picUrl: null, roles: ['ADMIN'] }, true],
    ]);
    expect(Number(rows[1]?.aggregate_version)).toBeGreaterThan(Number(rows[0]?.aggregate_version));
    expect(published.map((event) => [event.key, (event.data as { nickName: string }).nickName])).toEqual([
      [String(first.id), 'First'],
      [String(first.id), 'Second'],
    ]);
  });

  it('leaves the profile event to the outbox sweep when no relay is given', async () => {
    const user = await repository().saveSignIn(fields({ email: 'sweep@example.com' }));
    const rows = await handle.db.selectFrom('outbox').select(['type', 'published_at']).where('aggregateid', '=', String(user.id)).execute();
    expect(rows).toEqual([{ type: 'pilog.auth.user.profile-changed.v1', published_at: null }]);
  });

  it('keeps one user when first sign-ins of one email race', async () => {
    const users = [repository(), repository(), repository()];
    const saved = await Promise.all(users.map((repo, i) => repo.saveSignIn(fields({ email: 'race@example.com', nickName: `n${i}` }))));
    expect(new Set(saved.map((user) => user.id)).size).toBe(1);
  });
});
