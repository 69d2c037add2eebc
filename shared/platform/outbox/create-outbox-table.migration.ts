import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigint', (column) => column.primaryKey())
    .addColumn('aggregatetype', 'varchar(64)', (column) => column.notNull())
    .addColumn('aggregateid', 'varchar(64)', (column) => column.notNull())
    .addColumn('aggregate_version', 'bigint', (column) => column.notNull())
    .addColumn('type', 'varchar(128)', (column) => column.notNull())
    .addColumn('source', 'varchar(128)', (column) => column.notNull())
    .addColumn('topic', 'varchar(128)', (column) => column.notNull())
    // MySQL's TEXT stops at 64 KiB; SQLite reads any *TEXT name as text.
    .addColumn('payload', sql`mediumtext`, (column) => column.notNull())
    .addColumn('extensions', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('published_at', 'bigint')
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('claimed_by', 'varchar(36)')
    .addColumn('claimed_until', 'bigint')
    .addColumn('last_error', 'varchar(500)')
    .execute();
  // The sweep's question, "unpublished rows, oldest first", and the prune's, "published before …", both read it.
  await db.schema.createIndex('outbox_published_at_id').on('outbox').columns(['published_at', 'id']).execute();
}
