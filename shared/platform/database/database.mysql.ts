import { Kysely, MysqlDialect } from 'kysely';
import type { DatabaseHandle, PlatformTables } from './database-handle.ts';

/**
 * A MySQL 8 / MariaDB pool. Small, because every function instance on the Pi holds its own; created on first
 * query, so a function starts (and answers its health probe) while the database is still coming up. The driver
 * (about 1 MB of code with its character-set tables) loads then too: a read answered from the cache never loads it.
 * A dynamic import of mysql2 itself would lose its named exports in the split image bundle, hence mysql-pool.ts.
 */
export function openMysqlDatabase(url: string, options: { connectionLimit?: number } = {}): DatabaseHandle {
  const db = new Kysely<PlatformTables>({
    dialect: new MysqlDialect({
      pool: async () => (await import('./mysql-pool.ts')).createMysqlPool(url, options.connectionLimit ?? 5),
    }),
  });
  return { db, dialect: 'mysql', close: () => db.destroy() };
}
