import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { FTS5_TOKENIZER } from './search-analysis.ts';

/**
 * The embedded search index lives in the SQLite file. The services profile searches OpenSearch, whose index the
 * search function creates itself, so on MySQL there is nothing to do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await db.schema
    .createTable('search_articles')
    .addColumn('article_id', 'integer', (column) => column.primaryKey())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('visible', 'integer', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('thumbnail_url', 'text', (column) => column.notNull())
    .addColumn('tags', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('published_at', 'text', (column) => column.notNull())
    .addColumn('last_published_at', 'text', (column) => column.notNull())
    .addColumn('indexed_at', 'integer', (column) => column.notNull())
    .execute();
  await sql
    .raw(
      `CREATE VIRTUAL TABLE search_articles_fts USING fts5(title, body, content='search_articles', content_rowid='article_id', tokenize='${FTS5_TOKENIZER}')`,
    )
    .execute(db);
  // The FTS index follows the rows: the documented triggers of an external-content FTS5 table.
  const remove = `INSERT INTO search_articles_fts(search_articles_fts, rowid, title, body) VALUES ('delete', old.article_id, old.title, old.body);`;
  const add = `INSERT INTO search_articles_fts(rowid, title, body) VALUES (new.article_id, new.title, new.body);`;
  await sql.raw(`CREATE TRIGGER search_articles_ai AFTER INSERT ON search_articles BEGIN ${add} END`).execute(db);
  await sql.raw(`CREATE TRIGGER search_articles_ad AFTER DELETE ON search_articles BEGIN ${remove} END`).execute(db);
  await sql.raw(`CREATE TRIGGER search_articles_au AFTER UPDATE ON search_articles BEGIN ${remove} ${add} END`).execute(db);
}
