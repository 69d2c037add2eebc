import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('seo_articles')
    .addColumn('id', 'bigint', (column) => column.primaryKey())
    .addColumn('version', 'bigint', (column) => column.notNull())
    .addColumn('published', 'smallint', (column) => column.notNull())
    .addColumn('title', 'varchar(255)', (column) => column.notNull())
    // MySQL's TEXT stops at 64 KiB; SQLite reads any *TEXT name as text.
    .addColumn('body', sql`mediumtext`, (column) => column.notNull())
    .addColumn('created_at', 'bigint')
    .addColumn('published_at', 'bigint')
    .addColumn('last_published_at', 'bigint')
    .addColumn('changed_at', 'bigint', (column) => column.notNull())
    .execute();
  // The sitemap walks published ids downwards reading only the index (it covers lastmod too); the feeds take the
  // newest by first publication.
  await db.schema.createIndex('seo_articles_published_id').on('seo_articles').columns(['published', 'id', 'last_published_at']).execute();
  await db.schema.createIndex('seo_articles_published_published_at').on('seo_articles').columns(['published', 'published_at', 'id']).execute();
  await db.schema.createIndex('seo_articles_published_last_published_at').on('seo_articles').columns(['published', 'last_published_at']).execute();

  await db.schema
    .createTable('seo_feed_state')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('change_count', 'bigint', (column) => column.notNull())
    .addColumn('last_change_at', 'bigint', (column) => column.notNull())
    .addColumn('generated_change', 'bigint')
    .addColumn('generated_at', 'bigint')
    .addColumn('lease_owner', 'varchar(64)')
    .addColumn('lease_until', 'bigint')
    .execute();
  await (db as Kysely<{ seo_feed_state: { id: number; change_count: number; last_change_at: number } }>)
    .insertInto('seo_feed_state')
    .values({ id: 1, change_count: 0, last_change_at: 0 })
    .execute();

  await db.schema
    .createTable('seo_feeds')
    .addColumn('name', 'varchar(64)', (column) => column.primaryKey())
    .addColumn('content_type', 'varchar(100)', (column) => column.notNull())
    // A sitemap file may reach 50 MB by the protocol: beyond MEDIUMTEXT's 16 MiB.
    .addColumn('body', sql`longtext`, (column) => column.notNull())
    .addColumn('etag', 'varchar(100)', (column) => column.notNull())
    .addColumn('last_modified', 'bigint', (column) => column.notNull())
    .addColumn('generated_at', 'bigint', (column) => column.notNull())
    .execute();
}
