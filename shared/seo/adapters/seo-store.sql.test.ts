import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.ts';
import { openTestDatabase, testDialects, type TestDatabase } from '../../platform/database/testing/test-databases.ts';
import type { SeoStore } from '../ports/seo-store.port.ts';
import { aPublishedArticle, published, withdrawn } from '../testing/seo-fixtures.ts';
import { createSqlSeoStore } from './seo-store.sql.ts';
import type { SeoDatabase, SeoTables } from './seo-tables.ts';

describe.each(testDialects)('the SEO store (%s)', (dialect) => {
  let database: TestDatabase;
  let db: Kysely<SeoDatabase>;
  let store: SeoStore;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    db = database.db.withTables<SeoTables>();
    store = createSqlSeoStore(db, database.dialect, systemClock);
  });
  afterAll(async () => database.close());
  beforeEach(async () => {
    await db.deleteFrom('seo_articles').execute();
    await db.deleteFrom('seo_feeds').execute();
    await db.updateTable('seo_feed_state').set({ change_count: 0, last_change_at: 0, generated_change: null, generated_at: null, lease_owner: null, lease_until: null }).execute();
  });

  describe('read model', () => {
    it('applies a publish, and a republish with a newer version', async () => {
      expect(await store.articles.apply(published(aPublishedArticle(7), 2))).toBe(true);
      expect(await store.articles.apply(published(aPublishedArticle(7, { title: 'Renamed' }), 5))).toBe(true);
      expect(await store.articles.newest(10)).toEqual([aPublishedArticle(7, { title: 'Renamed' })]);
    });

    it('ignores a repeated or older event, so replays and reordering never regress', async () => {
      await store.articles.apply(published(aPublishedArticle(7, { title: 'New' }), 5));
      expect(await store.articles.apply(published(aPublishedArticle(7, { title: 'New' }), 5))).toBe(false);
      expect(await store.articles.apply(published(aPublishedArticle(7, { title: 'Old' }), 3))).toBe(false);
      expect((await store.articles.newest(1))[0]?.title).toBe('New');
    });

    it('keeps a withdrawn article as a tombstone that an older publish cannot revive', async () => {
      await store.articles.apply(published(aPublishedArticle(7), 2));
      expect(await store.articles.apply(withdrawn(7, 3, Date.now()))).toBe(true);
      expect(await store.articles.apply(published(aPublishedArticle(7), 2))).toBe(false);
      expect(await store.articles.newest(10)).toEqual([]);
      expect(await store.articles.newestPublication()).toBeNull();
      // A withdrawal seen before any publish (a deleted draft, or events out of order) works the same way.
      expect(await store.articles.apply(withdrawn(8, 4, Date.now()))).toBe(true);
      expect(await store.articles.apply(published(aPublishedArticle(8), 3))).toBe(false);
      expect(await store.articles.apply(published(aPublishedArticle(8), 5))).toBe(true);
      expect((await store.articles.newest(10)).map((article) => article.id)).toEqual([8]);
    });

    it('pages published articles by id descending, and finds the newest by first publication', async () => {
      for (const id of [3, 1, 5, 4, 2]) await store.articles.apply(published(aPublishedArticle(id)));
      await store.articles.apply(published(aPublishedArticle(1, { publishedAt: aPublishedArticle(9).publishedAt, lastPublishedAt: aPublishedArticle(9).lastPublishedAt }), 2));
      await store.articles.apply(withdrawn(4, 2, Date.now()));
      expect((await store.articles.sitemapEntries(null, 2)).map((entry) => entry.id)).toEqual([5, 3]);
      expect((await store.articles.sitemapEntries(3, 2)).map((entry) => entry.id)).toEqual([2, 1]);
      expect(await store.articles.sitemapEntries(1, 2)).toEqual([]);
      expect((await store.articles.newest(3)).map((article) => article.id)).toEqual([1, 5, 3]);
      expect(await store.articles.newestPublication()).toBe(aPublishedArticle(9).lastPublishedAt);
    });
  });

  describe('feeds', () => {
    const document = (name: string, body: string) => ({ name, contentType: 'application/xml; charset=utf-8', body, lastModified: 1_700_000_000_000 });

    it('are stored with an entity tag of their bytes, and replaced by name', async () => {
      await store.feeds.put(document('rss', '<rss>한글</rss>'));
      const first = await store.feeds.get('rss');
      expect(first).toMatchObject({ name: 'rss', body: '<rss>한글</rss>', lastModified: 1_700_000_000_000, etag: expect.stringMatching(/^"[\w-]{43}"$/) });
      await store.feeds.put(document('rss', '<rss>한글</rss>'));
      expect((await store.feeds.get('rss'))?.etag).toBe(first?.etag);
      await store.feeds.put(document('rss', '<rss>other</rss>'));
      expect((await store.feeds.get('rss'))?.etag).not.toBe(first?.etag);
      expect(await store.feeds.get('atom')).toBeNull();
    });

    it('drop numbered sitemap files past the current count', async () => {
      for (const name of ['sitemap', 'sitemap/1', 'sitemap/2', 'sitemap/10', 'rss']) await store.feeds.put(document(name, name));
      await store.feeds.removeSitemapFilesAfter(1);
      const names = (await db.selectFrom('seo_feeds').select('name').orderBy('name').execute()).map((row) => row.name);
      expect(names).toEqual(['rss', 'sitemap', 'sitemap/1']);
    });

    it('hold a multi-megabyte sitemap file', async () => {
      const body = `<urlset>${'<url><loc>https://www.jiniaslog.co.kr/blog/1234567890123456</loc></url>\n'.repeat(70_000)}</urlset>`;
      await store.feeds.put(document('sitemap/1', body));
      expect((await store.feeds.get('sitemap/1'))?.body.length).toBe(body.length);
    });
  });

  describe('schedule', () => {
    it('counts changes and keeps the newest change time', async () => {
      await store.schedule.recordChange(2000);
      await store.schedule.recordChange(1000);
      expect(await store.schedule.read()).toEqual({ changeCount: 2, lastChangeAt: 2000, generatedChange: null, generatedAt: null });
    });

    it('lends the generation lease to one owner at a time until it completes, is released or expires', async () => {
      expect(await store.schedule.claim('a', 1000, 500)).toBe(true);
      expect(await store.schedule.claim('b', 1200, 500)).toBe(false);
      expect(await store.schedule.complete('b', 0, 1300)).toBe(false);
      expect(await store.schedule.complete('a', 0, 1300)).toBe(true);
      expect(await store.schedule.read()).toMatchObject({ generatedChange: 0, generatedAt: 1300 });
      expect(await store.schedule.claim('b', 1400, 500)).toBe(true);
      await store.schedule.release('b');
      expect(await store.schedule.claim('c', 1500, 500)).toBe(true);
      expect(await store.schedule.claim('d', 2001, 500)).toBe(true);
      expect(await store.schedule.complete('c', 0, 2100)).toBe(false);
    });

    it('commits a transaction as a whole or not at all', async () => {
      await expect(
        store.inTransaction(async ({ articles, schedule }) => {
          await articles.apply(published(aPublishedArticle(1)));
          await schedule.recordChange(5000);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.articles.newest(1)).toEqual([]);
      expect((await store.schedule.read()).changeCount).toBe(0);
    });
  });
});
