import type { Kysely } from 'kysely';
import type { OutboxTables } from '../outbox/outbox-table.ts';

/** Every table pilog has, as the intersection of each context's table interfaces. A context adds its own here. */
export type Database = OutboxTables;

export type SqlDialect = 'mysql' | 'sqlite';

/**
 * An open database. Repositories take `db` (or a transaction from it) and write SQL both dialects accept; the
 * dialect is exposed for the rare statement that must differ. `close` ends the pool or closes the file.
 */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: SqlDialect;
  close(): Promise<void>;
}
