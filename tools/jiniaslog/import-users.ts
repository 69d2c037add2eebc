import type { Kysely, Transaction } from 'kysely';
import type { AuthTables } from '../../shared/auth/adapters/auth-tables.ts';
import { formatRoles, parseRoles } from '../../shared/auth/domain/role.ts';
import { TableTally } from './import-report.ts';
import { codePoints, idOf, textOf, type ImportContext } from './import-context.ts';
import { accept, reject, type TableImport } from './table-import.ts';
import type { AuthUsersTable } from '../../shared/auth/adapters/auth-tables.ts';
import { userProfileEvent } from '../site/read-model-events.ts';

interface SourceUser {
  id: unknown;
  email: unknown;
  nickName: unknown;
  roles: unknown;
  picUrl: unknown;
  created_at: string | null;
  updated_at: string | null;
}

type UserRow = AuthUsersTable;

/** The site tools' database type lists the tables they move; the auth tables are the auth context's own. */
const authTables = (db: unknown): Kysely<AuthTables> => db as Kysely<AuthTables>;

/**
 * Who the user is, not their profile: a sign-in after the move refreshes nickname, picture and roles from the
 * identity provider, which is no divergence from the source.
 */
const fingerprint = (row: { id: unknown; email: string; created_at: unknown }): string => JSON.stringify([Number(row.id), row.email, Number(row.created_at)]);

/** `jiniaslog_user.users` → `auth_users`, with the profile event comments show nicknames and pictures from. */
export function importUsers(context: ImportContext): TableImport<SourceUser, UserRow> {
  const table = context.source.table('user', 'users');
  const emails = new Set<string>();
  return {
    tally: new TableTally('users'),
    count: () => context.source.count(table),
    batches: (size) => context.source.batches<SourceUser & { [key: string]: unknown }>(table, 'id', size),
    check(source) {
      const id = idOf(source.id);
      if (id === null) return reject('id is not a positive integer');
      const email = textOf(source.email).trim().toLowerCase();
      if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 320) return reject('email is missing or malformed');
      if (emails.has(email)) return reject('email already used by another user');
      const createdAt = context.timeOf(source.created_at);
      const updatedAt = context.timeOf(source.updated_at) ?? createdAt;
      if (createdAt === null || updatedAt === null) return reject('created_at is missing or malformed');
      const nickName = textOf(source.nickName).trim() || (email.split('@')[0] as string);
      if (codePoints(nickName) > 255) return reject('nickName longer than 255 characters');
      const picUrl = textOf(source.picUrl).trim() || null;
      emails.add(email);
      const roles = formatRoles(parseRoles(textOf(source.roles)));
      context.users.set(id, { roles });
      return accept({ id, email, nick_name: nickName, pic_url: picUrl, roles, created_at: createdAt, updated_at: updatedAt });
    },
    keyOf: (row) => String(row.id),
    async present(db, rows) {
      if (rows.length === 0) return new Set();
      const held = await authTables(db).selectFrom('auth_users').select(['id', 'email']).where((eb) => eb.or([eb('id', 'in', rows.map((row) => row.id)), eb('email', 'in', rows.map((row) => row.email))])).execute();
      // A pilog user with the same email and another id (the owner signed in before the move) keeps pilog's row.
      const byEmail = new Map(held.map((row) => [row.email, Number(row.id)]));
      return new Set(rows.filter((row) => byEmail.has(row.email)).map((row) => String(row.id)));
    },
    async write(trx, rows) {
      await (trx as unknown as Transaction<AuthTables>).insertInto('auth_users').values([...rows]).execute();
      return rows.map(userProfileEvent);
    },
    fingerprint,
    async readBack(db, rows) {
      if (rows.length === 0) return new Map();
      const held = await authTables(db).selectFrom('auth_users').selectAll().where('id', 'in', rows.map((row) => row.id)).execute();
      return new Map(held.map((row) => [String(Number(row.id)), fingerprint(row)]));
    },
  };
}
