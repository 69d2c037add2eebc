import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The embedded profile feeds event functions from the outbox itself (ADR 0002): every row gets a `position` in
 * commit order and every consumer stores how far it has read. SQLite runs one writer at a time and a trigger numbers
 * each row inside its writing transaction, so positions grow in commit order and a reader never sees a gap fill in
 * behind it; the counter lives in a table of its own so a number is never reused, even after pruning. MySQL gets
 * the column and the table too, so the prune's statement is the same, and leaves them empty: in the services
 * profile Kafka keeps the consumers' offsets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('position', 'bigint').execute();
  await db.schema.createIndex('outbox_position').on('outbox').column('position').execute();
  await db.schema
    .createTable('outbox_consumer_positions')
    .addColumn('consumer', 'varchar(128)', (column) => column.notNull())
    .addColumn('topic', 'varchar(128)', (column) => column.notNull())
    .addColumn('position', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('outbox_consumer_positions_pk', ['consumer', 'topic'])
    .execute();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await db.schema.createTable('outbox_position_counter').addColumn('last_position', 'integer', (column) => column.notNull()).execute();
  await sql`INSERT INTO outbox_position_counter (last_position) VALUES (0)`.execute(db);
  await sql
    .raw(
      `CREATE TRIGGER outbox_position AFTER INSERT ON outbox BEGIN
         UPDATE outbox_position_counter SET last_position = last_position + 1;
         UPDATE outbox SET position = (SELECT last_position FROM outbox_position_counter) WHERE id = new.id;
       END`,
    )
    .execute(db);
}
