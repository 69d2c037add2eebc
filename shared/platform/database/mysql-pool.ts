import { createPool, type Pool } from 'mysql2';

/**
 * The mysql2 pool behind a MySQL database handle, in a module of its own so that the driver loads on the first
 * query (database.mysql.ts imports this lazily). Times are UTC on the wire so no column ever depends on a server's
 * or pod's time zone.
 */
export function createMysqlPool(url: string, connectionLimit: number): Pool {
  return createPool({ uri: url, connectionLimit, connectTimeout: 5000, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
}
