import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import { ok } from '../../kernel/result.ts';
import type { SearchEntry } from '../domain/search-entry.ts';
import type { RebuildTarget, SearchIndex, SearchIndexRebuild } from '../ports/search-index.port.ts';
import { FTS5_MIN_TERM_LENGTH, TITLE_WEIGHT } from './search-analysis.ts';
import type { SearchTables } from './search-tables.ts';
import { inTransaction } from '../../platform/database/traced-transaction.ts';

const codePoints = (text: string): number => [...text].length;
const phrase = (term: string): string => `"${term.replaceAll('"', '""')}"`;
const likePattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const containsAll = (column: 'title' | 'body', terms: readonly string[]): RawBuilder<unknown> =>
  sql.join(
    terms.map((term) => sql`search_articles.${sql.ref(column)} LIKE ${likePattern(term)} ESCAPE '\\'`),
    sql` AND `,
  );

/**
 * The embedded profile's index: rows with versions in `search_articles`, FTS5 (trigram) over them. A write is an
 * upsert that only replaces an older version; in a rebuild it also rewrites the same version, repairing a row.
 */
/** Writes entries over older versions only; in a rebuild (`replaceSameVersion`) the same version is rewritten too. */
async function upsert(db: Kysely<SearchTables>, entries: readonly SearchEntry[], now: number, replaceSameVersion: boolean): Promise<void> {
  for (const entry of entries) {
    const document = entry.document;
    const columns = {
      version: entry.version,
      visible: document === null ? 0 : 1,
      title: document?.title ?? '',
      body: document?.body ?? '',
      thumbnail_url: document?.thumbnailUrl ?? '',
      tags: JSON.stringify(document?.tags ?? []),
      created_at: document?.createdAt ?? '',
      published_at: document?.publishedAt ?? '',
      last_published_at: document?.lastPublishedAt ?? '',
      indexed_at: now,
    };
    await db
      .insertInto('search_articles')
      .values({ article_id: entry.articleId, ...columns })
      .onConflict((conflict) =>
        conflict
          .column('article_id')
          .doUpdateSet(columns)
          .where('search_articles.version', replaceSameVersion ? '<=' : '<', entry.version),
      )
      .execute();
  }
}

/**
 * The embedded profile's index: rows with versions in `search_articles`, FTS5 (trigram) over them, in the SQLite
 * file of the data dir. Its rebuild happens in place: every row rewritten, rows of articles that are gone dropped,
 * and the FTS5 index regenerated from the rows (its `rebuild` command), each write a transaction of its own, so
 * searches never see an empty index.
 */
export function createSqliteSearchIndex(database: Kysely<unknown>, clock: Clock): SearchIndex & SearchIndexRebuild {
  const db = database.withTables<SearchTables>();
  const write = async (entries: readonly SearchEntry[], replaceSameVersion: boolean) => {
    await inTransaction(db, (trx) => upsert(trx, entries, clock.now(), replaceSameVersion));
    return ok(undefined);
  };

  return {
    write: (entries) => write(entries, false),

    async search(query, limit) {
      const long = query.terms.filter((term) => codePoints(term) >= FTS5_MIN_TERM_LENGTH);
      const short = query.terms.filter((term) => codePoints(term) < FTS5_MIN_TERM_LENGTH);
      const fts = long.length > 0;
      const shortMatch = short.length === 0 ? sql`1 = 1` : sql`((${containsAll('title', short)}) OR (${containsAll('body', short)}))`;
      const rank = fts ? sql`bm25(search_articles_fts, ${TITLE_WEIGHT}, 1.0)` : sql`CASE WHEN ${containsAll('title', short)} THEN 0 ELSE 1 END`;
      const ftsJoin = fts
        ? sql`JOIN search_articles_fts ON search_articles_fts.rowid = search_articles.article_id AND search_articles_fts MATCH ${long.map(phrase).join(' AND ')}`
        : sql``;
      const { rows } = await sql<{ id: number }>`
        SELECT search_articles.article_id AS id FROM search_articles ${ftsJoin}
        WHERE search_articles.visible = 1 AND ${shortMatch}
        ORDER BY ${rank}, search_articles.article_id DESC
        LIMIT ${limit}`.execute(db);
      return ok(rows.map((row) => Number(row.id)));
    },

    async start(): Promise<RebuildTarget> {
      // Begin on the next millisecond: a row written in the millisecond of the call is older than the rebuild, and
      // must be dropped unless the rebuild rewrites it (at `<` startedAt, the same millisecond counted as newer).
      const called = clock.now();
      while (clock.now() <= called) await new Promise((resolve) => setTimeout(resolve, 1));
      const startedAt = clock.now();
      return {
        name: 'search_articles (SQLite FTS5)',
        write: (entries) => write(entries, true),
        async promote() {
          await inTransaction(db, async (trx) => {
            // Rows neither rewritten by this rebuild nor touched by an event since it began belong to no article now.
            await trx.deleteFrom('search_articles').where('indexed_at', '<', startedAt).execute();
            await sql`INSERT INTO search_articles_fts(search_articles_fts) VALUES ('rebuild')`.execute(trx);
          });
        },
      };
    },
  };
}
