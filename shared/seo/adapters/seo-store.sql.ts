import { createHash } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { SqlDialect } from '../../platform/database/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { feedNames, sitemapFileNumber, type FeedDocument, type StoredFeed } from '../domain/feeds.ts';
import type { PublishedArticle } from '../domain/published-article.ts';
import type { ArticleReadModel, FeedScheduleStore, FeedStore, SeoRepositories, SeoStore } from '../ports/seo-store.port.ts';
import type { SeoArticlesTable, SeoDatabase, SeoFeedsTable } from './seo-tables.ts';
import { inTransaction } from '../../platform/database/traced-transaction.ts';

type Executor = Kysely<SeoDatabase> | Transaction<SeoDatabase>;

const STATE_ROW = 1;

/** A strong entity tag of the bytes: every instance derives the same one, so any of them can answer a 304. */
const entityTag = (body: string): string => `"${createHash('sha256').update(body).digest('base64url')}"`;

const publishedArticleOf = (row: Selectable<SeoArticlesTable>): PublishedArticle => ({
  id: Number(row.id),
  title: row.title,
  body: row.body,
  createdAt: Number(row.created_at),
  publishedAt: Number(row.published_at),
  lastPublishedAt: Number(row.last_published_at),
});

const storedFeedOf = (row: Selectable<SeoFeedsTable>): StoredFeed => ({
  name: row.name,
  contentType: row.content_type,
  body: row.body,
  etag: row.etag,
  lastModified: Number(row.last_modified),
  generatedAt: Number(row.generated_at),
});

function articleReadModel(db: Executor): ArticleReadModel {
  const published = () => db.selectFrom('seo_articles').where('published', '=', 1);
  return {
    async apply(change) {
      const id = change.kind === 'published' ? change.article.id : change.articleId;
      // A placeholder at version 0 makes the guarded update below the one path for new and known articles alike;
      // the update then applies the change only over an older version, so replays and reordering never regress.
      await db.insertInto('seo_articles').orIgnore().values({ id, version: 0, published: 0, title: '', body: '', changed_at: 0 }).execute();
      const copy =
        change.kind === 'published'
          ? {
              published: 1,
              title: change.article.title,
              body: change.article.body,
              created_at: change.article.createdAt,
              published_at: change.article.publishedAt,
              last_published_at: change.article.lastPublishedAt,
            }
          : // A tombstone: the version stays to refuse older events; the copy is no longer needed.
            { published: 0, title: '', body: '', created_at: null, published_at: null, last_published_at: null };
      const result = await db
        .updateTable('seo_articles')
        .set({ ...copy, version: change.version, changed_at: change.changedAt })
        .where('id', '=', id)
        .where('version', '<', change.version)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async newestPublication() {
      const row = await published().select((eb) => eb.fn.max('last_published_at').as('newest')).executeTakeFirst();
      return row?.newest === null || row?.newest === undefined ? null : Number(row.newest);
    },

    async sitemapEntries(beforeId, limit) {
      let query = published().select(['id', 'last_published_at']).orderBy('id', 'desc').limit(limit);
      if (beforeId !== null) query = query.where('id', '<', beforeId);
      const rows = await query.execute();
      return rows.map((row) => ({ id: Number(row.id), lastPublishedAt: Number(row.last_published_at) }));
    },

    async newest(limit) {
      const rows = await published().selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(publishedArticleOf);
    },
  };
}

function feedStore(db: Executor, dialect: SqlDialect, clock: Clock): FeedStore {
  return {
    async put(document: FeedDocument) {
      const row = {
        name: document.name,
        content_type: document.contentType,
        body: document.body,
        etag: entityTag(document.body),
        last_modified: document.lastModified,
        generated_at: clock.now(),
      };
      const { name: _name, ...changes } = row;
      const insert = db.insertInto('seo_feeds').values(row);
      await (dialect === 'mysql' ? insert.onDuplicateKeyUpdate(changes) : insert.onConflict((conflict) => conflict.column('name').doUpdateSet(changes))).execute();
    },

    async get(name) {
      const row = await db.selectFrom('seo_feeds').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? storedFeedOf(row) : null;
    },

    async removeSitemapFilesAfter(count) {
      const files = await db.selectFrom('seo_feeds').select('name').where('name', 'like', `${feedNames.sitemapFilePrefix}%`).execute();
      const stale = files.map((file) => file.name).filter((name) => (sitemapFileNumber(name) ?? 0) > count);
      if (stale.length > 0) await db.deleteFrom('seo_feeds').where('name', 'in', stale).execute();
    },
  };
}

function feedScheduleStore(db: Executor): FeedScheduleStore {
  const stateRow = () => db.updateTable('seo_feed_state').where('id', '=', STATE_ROW);
  return {
    async read() {
      const row = await db.selectFrom('seo_feed_state').selectAll().where('id', '=', STATE_ROW).executeTakeFirstOrThrow();
      return {
        changeCount: Number(row.change_count),
        lastChangeAt: Number(row.last_change_at),
        generatedChange: row.generated_change === null ? null : Number(row.generated_change),
        generatedAt: row.generated_at === null ? null : Number(row.generated_at),
      };
    },

    async recordChange(changedAt) {
      await stateRow()
        .set((eb) => ({
          change_count: eb('change_count', '+', 1),
          last_change_at: eb.case().when('last_change_at', '<', changedAt).then(changedAt).else(eb.ref('last_change_at')).end(),
        }))
        .execute();
    },

    async claim(owner, now, leaseMs) {
      const result = await stateRow()
        .set({ lease_owner: owner, lease_until: now + leaseMs })
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async renew(owner, now, leaseMs) {
      const result = await stateRow().set({ lease_until: now + leaseMs }).where('lease_owner', '=', owner).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async complete(owner, changeCount, now) {
      const result = await stateRow()
        .set({ generated_change: changeCount, generated_at: now, lease_owner: null, lease_until: null })
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async release(owner) {
      await stateRow().set({ lease_owner: null, lease_until: null }).where('lease_owner', '=', owner).execute();
    },
  };
}

const repositoriesOf = (db: Executor, dialect: SqlDialect, clock: Clock): SeoRepositories => ({
  articles: articleReadModel(db),
  feeds: feedStore(db, dialect, clock),
  schedule: feedScheduleStore(db),
});

/** The SEO context's storage in MySQL or SQLite through one Kysely query set (the feed upsert is per dialect). */
export function createSqlSeoStore(db: Kysely<SeoDatabase>, dialect: SqlDialect, clock: Clock): SeoStore {
  return {
    ...repositoriesOf(db, dialect, clock),
    inTransaction: (work) => inTransaction(db, (trx) => work(repositoriesOf(trx, dialect, clock))),
  };
}
