import type { Kysely } from 'kysely';
import type { OutboxTables } from '../outbox/outbox-table.ts';

/**
 * The tables the platform itself owns. A context declares its own beside its adapters and sees them with Kysely's
 * `withTables` on the handle it was given (`database.db.withTables<BlogTables>()`): the platform knows no context.
 */
export type PlatformTables = OutboxTables;

export type SqlDialect = 'mysql' | 'sqlite';

/**
 * An open database. Repositories take `db` (or a transaction from it) and write SQL both dialects accept; the
 * dialect is exposed for the rare statement that must differ. `close` ends the pool or closes the file.
 */
export interface DatabaseHandle {
  readonly db: Kysely<PlatformTables>;
  readonly dialect: SqlDialect;
  close(): Promise<void>;
}
