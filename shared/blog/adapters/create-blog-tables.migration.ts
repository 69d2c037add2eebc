import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // MySQL's TEXT stops at 64 KiB, too little for a long post; SQLite reads any *TEXT name as text.
  const longText = sql`mediumtext`;
  await db.schema
    .createTable('blog_articles')
    .addColumn('id', 'bigint', (column) => column.primaryKey())
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('draft_title', 'varchar(100)', (column) => column.notNull())
    .addColumn('draft_body', longText, (column) => column.notNull())
    .addColumn('draft_thumbnail_url', 'text', (column) => column.notNull())
    .addColumn('published_title', 'varchar(100)', (column) => column.notNull())
    .addColumn('published_body', longText, (column) => column.notNull())
    .addColumn('published_thumbnail_url', 'text', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('published_at', 'bigint')
    .addColumn('last_published_at', 'bigint')
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addColumn('version', 'bigint', (column) => column.notNull())
    .execute();
  // Every list is "this status, below this id, newest first".
  await db.schema.createIndex('blog_articles_status_id').on('blog_articles').columns(['status', 'id']).execute();
  await db.schema.createIndex('blog_articles_updated_at').on('blog_articles').column('updated_at').execute();

  await db.schema
    .createTable('blog_tags')
    .addColumn('id', 'bigint', (column) => column.primaryKey())
    .addColumn('name', 'varchar(20)', (column) => column.notNull())
    .addColumn('name_key', 'varchar(20)', (column) => column.notNull().unique())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('blog_taggings')
    .addColumn('article_id', 'bigint', (column) => column.notNull().references('blog_articles.id'))
    .addColumn('tag_id', 'bigint', (column) => column.notNull().references('blog_tags.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    // One tagging per (article, tag): adding a tag twice cannot make a second (§5).
    .addPrimaryKeyConstraint('blog_taggings_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('blog_taggings_tag_id').on('blog_taggings').column('tag_id').execute();
}
