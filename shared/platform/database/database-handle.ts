import type { Kysely } from 'kysely';
import type { BlogTables } from '../../blog/adapters/blog-tables.ts';
import type { CommentTables } from '../../comment/adapters/comment-tables.ts';
import type { MemoTables } from '../../memo/adapters/memo-tables.ts';
import type { OutboxTables } from '../outbox/outbox-table.ts';
import type { SeoTables } from '../../seo/adapters/seo-tables.ts';

/** Every table pilog has, as the intersection of each context's table interfaces. A context adds its own here. */
export type Database = OutboxTables & BlogTables & CommentTables & MemoTables & SeoTables;

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
