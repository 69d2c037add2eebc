import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comment_comments')
    .addColumn('id', 'bigint', (column) => column.primaryKey())
    .addColumn('article_id', 'bigint', (column) => column.notNull())
    .addColumn('parent_id', 'bigint')
    .addColumn('author_id', 'bigint')
    .addColumn('guest_name', 'varchar(80)')
    .addColumn('password_hash', 'varchar(255)')
    // TEXT, not a short VARCHAR: the original's 255-character column turned long comments into 500s (§5).
    .addColumn('content', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('deleted', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('deleted_at', 'bigint')
    .execute();
  // The one read: an article's whole tree.
  await db.schema.createIndex('comment_comments_article_id').on('comment_comments').columns(['article_id', 'created_at']).execute();
  await db.schema
    .createTable('comment_articles')
    .addColumn('article_id', 'bigint', (column) => column.primaryKey())
    .addColumn('published', 'integer', (column) => column.notNull())
    .addColumn('version', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('comment_authors')
    .addColumn('user_id', 'bigint', (column) => column.primaryKey())
    .addColumn('nick_name', 'varchar(255)', (column) => column.notNull())
    .addColumn('pic_url', 'varchar(2048)')
    .addColumn('version', 'bigint', (column) => column.notNull())
    .execute();
}
