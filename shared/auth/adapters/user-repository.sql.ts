import type { Kysely, Selectable } from 'kysely';
import { userProfileChanged } from '../../events/auth-user.events.ts';
import { raise } from '../../events/event-definition.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { IdGenerator } from '../../kernel/snowflake.ts';
import { appendToOutbox } from '../../platform/outbox/append-to-outbox.ts';
import type { OutboxRelay } from '../../platform/outbox/relay-outbox.ts';
import { formatRoles, parseRoles } from '../domain/role.ts';
import type { SignInFields, User } from '../domain/user.ts';
import type { UserRepository } from '../ports/user-repository.port.ts';
import type { AuthDatabase, AuthUsersTable } from './auth-tables.ts';
import { inTransaction } from '../../platform/database/traced-transaction.ts';

const userOf = (row: Selectable<AuthUsersTable>): User => ({
  id: Number(row.id),
  email: row.email,
  nickName: row.nick_name,
  picUrl: row.pic_url,
  roles: parseRoles(row.roles),
});

/**
 * Users in MySQL or SQLite through one Kysely query set. Every sign-in raises `userProfileChanged` through the
 * outbox in the upsert's transaction (other contexts show nicknames and pictures from it); `relay`, when given,
 * publishes it right after the commit, otherwise the outbox sweep does. The profile's aggregate version is the
 * upsert's time in milliseconds: it grows with every sign-in without a version column.
 */
export function createSqlUserRepository(db: Kysely<AuthDatabase>, ids: IdGenerator, clock: Clock, relay?: OutboxRelay): UserRepository {
  const byEmail = (trx: Kysely<AuthDatabase>, email: string) => trx.selectFrom('auth_users').selectAll().where('email', '=', email).executeTakeFirst();

  const upsert = (fields: SignInFields) =>
    inTransaction(db, async (trx) => {
      const now = clock.now();
      const existing = await byEmail(trx, fields.email);
      const user = { id: existing ? Number(existing.id) : ids.next(), ...fields };
      if (existing) {
        await trx
          .updateTable('auth_users')
          .set({ nick_name: fields.nickName, pic_url: fields.picUrl, roles: formatRoles(fields.roles), updated_at: now })
          .where('id', '=', user.id)
          .execute();
      } else {
        await trx
          .insertInto('auth_users')
          .values({ id: user.id, email: fields.email, nick_name: fields.nickName, pic_url: fields.picUrl, roles: formatRoles(fields.roles), created_at: now, updated_at: now })
          .execute();
      }
      const profile = raise(userProfileChanged, { userId: user.id, nickName: user.nickName, picUrl: user.picUrl, roles: [...user.roles] }, now);
      const events = await appendToOutbox(trx, [profile], { ids, clock });
      return { user, events };
    });

  return {
    async saveSignIn(fields) {
      let saved: Awaited<ReturnType<typeof upsert>>;
      try {
        saved = await upsert(fields);
      } catch {
        // Two first sign-ins of one email raced and the other inserted first: the unique email decided, and this
        // transaction rolled back. Once more, in a new transaction, which now finds the user and updates it.
        saved = await upsert(fields);
      }
      relay?.publishAfterCommit(saved.events);
      return saved.user;
    },

    async findById(id) {
      const row = await db.selectFrom('auth_users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? userOf(row) : null;
    },
  };
}
