import { Kysely, MysqlDialect } from 'kysely';
import type { Database, DatabaseHandle } from './database-handle.ts';

/**
 * A MySQL 8 / MariaDB pool. Small, because every function instance on the Pi holds its own; created on first
 * query, so a function starts (and answers its health probe) while the database is still coming up. The driver
 * (about 1 MB of code with its character-set tables) loads then too: a read answered from the cache never loads it.
 * Times are UTC on the wire so no column ever depends on a server's or pod's time zone.
 */
export function openMysqlDatabase(url: string, options: { connectionLimit?: number } = {}): DatabaseHandle {
  const db = new Kysely<Database>({
    dialect: new MysqlDialect({
      pool: async () =>
        (await import('mysql2')).createPool({
          uri: url,
          connectionLimit: options.connectionLimit ?? 5,
          connectTimeout: 5000,
          timezone: 'Z',
          charset: 'utf8mb4_unicode_ci',
        }),
    }),
  });
  return { db, dialect: 'mysql', close: () => db.destroy() };
}
