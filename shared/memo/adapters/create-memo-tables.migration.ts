import { MysqlAdapter, sql, type Kysely } from 'kysely';

/**
 * Folder parents carry no foreign key: MySQL stops cascading after 15 levels and checks a self-reference row by
 * row, while folders nest without limit and a subtree is deleted in one statement. The use cases keep parents
 * valid under the author's lock instead. Links cascade with either end, so no link can outlive its memos.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  // Matched byte for byte after lower-casing in code (see `searchable`); SQLite compares bytes anyway.
  const binary = (type: string) => (mysql ? sql.raw(`${type} character set utf8mb4 collate utf8mb4_bin`) : sql.raw(type));

  await db.schema
    .createTable('memo_authors')
    .addColumn('author_id', 'bigint', (column) => column.primaryKey())
    .addColumn('roles', 'varchar(64)', (column) => column.notNull())
    .addColumn('tree_version', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('memo_folders')
    .addColumn('id', 'bigint', (column) => column.primaryKey())
    .addColumn('author_id', 'bigint', (column) => column.notNull().references('memo_authors.author_id'))
    .addColumn('parent_id', 'bigint')
    .addColumn('name', 'varchar(255)', (column) => column.notNull())
    .addColumn('sequence', 'varchar(255)', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('memo_folders_author_id').on('memo_folders').column('author_id').execute();

  await db.schema
    .createTable('memo_memos')
    .addColumn('id', 'bigint', (column) => column.primaryKey())
    .addColumn('author_id', 'bigint', (column) => column.notNull().references('memo_authors.author_id'))
    .addColumn('folder_id', 'bigint', (column) => column.references('memo_folders.id'))
    .addColumn('title', 'varchar(100)', (column) => column.notNull())
    // MySQL's TEXT stops at 64 KiB; a memo may be as long as a request body (1 MiB).
    .addColumn('content', sql`mediumtext`, (column) => column.notNull())
    // Lower-casing can lengthen a string (İ → i̇), so the copy of a 100-character title gets room to grow.
    .addColumn('search_title', binary('varchar(400)'), (column) => column.notNull())
    .addColumn('search_content', binary('mediumtext'), (column) => column.notNull())
    .addColumn('sequence', 'varchar(255)', (column) => column.notNull())
    .addColumn('version', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  // Every list is one author's, newest first: search and recommendations walk this index backwards.
  await db.schema.createIndex('memo_memos_author_id_id').on('memo_memos').columns(['author_id', 'id']).execute();
  await db.schema.createIndex('memo_memos_folder_id').on('memo_memos').column('folder_id').execute();

  await db.schema
    .createTable('memo_references')
    .addColumn('memo_id', 'bigint', (column) => column.notNull().references('memo_memos.id').onDelete('cascade'))
    .addColumn('target_id', 'bigint', (column) => column.notNull().references('memo_memos.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('memo_references_pk', ['memo_id', 'target_id'])
    .execute();
  // Backlinks read by target.
  await db.schema.createIndex('memo_references_target_id').on('memo_references').column('target_id').execute();
}
