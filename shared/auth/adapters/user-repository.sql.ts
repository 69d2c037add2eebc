import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import type { IdGenerator } from '../../kernel/snowflake.ts';
import { formatRoles, parseRoles } from '../domain/role.ts';
import type { SignInFields, User } from '../domain/user.ts';
import type { UserRepository } from '../ports/user-repository.port.ts';
import type { AuthTables, AuthUsersTable } from './auth-tables.ts';

const userOf = (row: Selectable<AuthUsersTable>): User => ({
  id: Number(row.id),
  email: row.email,
  nickName: row.nick_name,
  picUrl: row.pic_url,
  roles: parseRoles(row.roles),
});

/** Users in MySQL or SQLite through one Kysely query set. */
export function createSqlUserRepository(db: Kysely<AuthTables>, ids: IdGenerator, clock: Clock): UserRepository {
  const byEmail = (email: string) => db.selectFrom('auth_users').selectAll().where('email', '=', email).executeTakeFirst();

  const refresh = async (id: number, fields: SignInFields, now: number): Promise<User> => {
    await db
      .updateTable('auth_users')
      .set({ nick_name: fields.nickName, pic_url: fields.picUrl, roles: formatRoles(fields.roles), updated_at: now })
      .where('id', '=', id)
      .execute();
    return { id, ...fields };
  };

  return {
    async saveSignIn(fields) {
      const now = clock.now();
      const existing = await byEmail(fields.email);
      if (existing) return refresh(Number(existing.id), fields, now);
      const id = ids.next();
      try {
        await db
          .insertInto('auth_users')
          .values({ id, email: fields.email, nick_name: fields.nickName, pic_url: fields.picUrl, roles: formatRoles(fields.roles), created_at: now, updated_at: now })
          .execute();
        return { id, ...fields };
      } catch (error) {
        // Two first sign-ins of one email raced and the other inserted first: the unique email decides, we update.
        const winner = await byEmail(fields.email);
        if (!winner) throw error;
        return refresh(Number(winner.id), fields, now);
      }
    },

    async findById(id) {
      const row = await db.selectFrom('auth_users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? userOf(row) : null;
    },
  };
}
