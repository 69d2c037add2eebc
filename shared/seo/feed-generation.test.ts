import Parser from 'rss-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects, type TestDatabase } from '../platform/database/testing/test-databases.ts';
import type { SeoTables } from './adapters/seo-tables.ts';
import type { StoredFeed } from './domain/feeds.ts';
import { w3cDateTime } from './domain/xml-text.ts';
import { MAX_SITEMAP_URLS } from './domain/sitemap-xml.ts';
import { seedPublishedArticles } from './testing/seed-articles.ts';
import { aPublishedArticle, published, seoDepsOn, withdrawn } from './testing/seo-fixtures.ts';
import { SITEMAP_INDEX_XSD, SITEMAP_XSD, ensureXmllint, schemaErrors, wellFormednessErrors } from './testing/xmllint.ts';
import { regenerateFeeds, type RegenerateFeedsDeps } from './application/regenerate-feeds.ts';
import { trackArticleChange } from './application/track-article-change.ts';

const parser = new Parser<Record<string, unknown>, { 'content:encoded': string; id: string; published: string; updated: string }>({
  customFields: { item: ['content:encoded', 'id', 'published', 'updated'] },
});

const locs = (xml: string): string[] => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1] as string);
const lastmods = (xml: string): string[] => [...xml.matchAll(/<lastmod>([^<]*)<\/lastmod>/g)].map((match) => match[1] as string);

/**
 * A body that tries to break the XML around it: CDATA's end marker (in code, escaped by the renderer, and in raw
 * HTML, which the renderer passes through as written), markup, an ampersand, a control character.
 */
const trickyBody = '# Heading\n\nSee `a]]>b` & <b>bold</b> text\u0001 — 한글 😀\n\n<div>raw ]]> end</div>\n\n- item';

describe.each(testDialects)('generating the feeds (%s)', (dialect) => {
  let database: TestDatabase;
  let deps: RegenerateFeedsDeps;
  const feed = async (name: string): Promise<StoredFeed> => {
    const stored = await deps.store.feeds.get(name);
    if (!stored) throw new Error(`no feed ${name}`);
    return stored;
  };
  const generate = async () => {
    const outcome = await regenerateFeeds(deps, 'always');
    if (outcome.kind !== 'generated') throw new Error(`not generated: ${outcome.kind}`);
    return outcome.summary;
  };

  beforeAll(async () => {
    ensureXmllint();
    database = await openTestDatabase(dialect);
    deps = seoDepsOn(database, { coalesceMs: 60_000 });
  });
  afterAll(async () => database.close());
  beforeEach(async () => {
    const db = database.db.withTables<SeoTables>();
    await db.deleteFrom('seo_articles').execute();
    await db.deleteFrom('seo_feeds').execute();
    await db.updateTable('seo_feed_state').set({ change_count: 0, last_change_at: 0, generated_change: null, generated_at: null, lease_owner: null, lease_until: null }).execute();
  });

  it('with nothing published, gives a valid sitemap of the home page alone and empty feeds', async () => {
    expect(await generate()).toEqual({ articles: 0, sitemapFiles: 1, feedItems: 0 });
    const sitemap = await feed('sitemap');
    expect(sitemap.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n<url><loc>https://blog.example</loc></url>\n</urlset>\n',
    );
    expect(schemaErrors(sitemap.body, SITEMAP_XSD)).toBe('');
    const rss = await parser.parseString((await feed('rss')).body);
    expect(rss).toMatchObject({ title: "Jinia's Log", link: 'https://blog.example', items: [] });
    expect((await feed('rss')).body).not.toContain('lastBuildDate');
    const atom = await parser.parseString((await feed('atom')).body);
    expect(atom.items).toEqual([]);
    expect((await feed('atom')).body).toContain('<updated>1970-01-01T00:00:00Z</updated>');
  });

  describe('with published articles', () => {
    const articles = [1, 2, 3, 4, 5].map((id) => aPublishedArticle(id, id === 4 ? { title: 'Tom & Jerry <3', body: trickyBody } : {}));
    const removedAt = aPublishedArticle(9).lastPublishedAt;

    beforeEach(async () => {
      for (const article of articles) await trackArticleChange(deps, published(article));
      // Article 5 is unpublished afterwards: gone from every feed, and the newest change of all.
      await trackArticleChange(deps, withdrawn(5, 2, removedAt));
    });

    it('lists the home page then every published article by id descending, with real lastmod values, valid by the XSD', async () => {
      expect(await generate()).toEqual({ articles: 4, sitemapFiles: 1, feedItems: 3 });
      const sitemap = await feed('sitemap');
      expect(schemaErrors(sitemap.body, SITEMAP_XSD)).toBe('');
      expect(locs(sitemap.body)).toEqual(['https://blog.example', ...[4, 3, 2, 1].map((id) => `https://blog.example/blog/${id}`)]);
      const newest = w3cDateTime(aPublishedArticle(4).lastPublishedAt);
      expect(lastmods(sitemap.body)).toEqual([newest, ...[4, 3, 2, 1].map((id) => w3cDateTime(aPublishedArticle(id).lastPublishedAt))]);
      expect(sitemap.contentType).toBe('application/xml; charset=utf-8');
      expect((await feed('sitemap/1')).body).toBe(sitemap.body);
      expect(await deps.store.feeds.get('sitemap/2')).toBeNull();
    });

    it('gives RSS 2.0 with the newest articles by first publication, rendered content and excerpts', async () => {
      await generate();
      const stored = await feed('rss');
      expect(stored.contentType).toBe('application/rss+xml; charset=utf-8');
      expect(wellFormednessErrors(stored.body)).toBe('');
      expect(stored.body).toContain('<atom:link href="https://api.blog.example/api/seo/rss" rel="self" type="application/rss+xml"/>');
      const rss = await parser.parseString(stored.body);
      expect(rss).toMatchObject({ title: "Jinia's Log", link: 'https://blog.example', description: '지니아의 종합 웹앱 플랫폼 사이트 입니다' });
      expect(rss.lastBuildDate).toBe(new Date(removedAt).toUTCString());
      expect(rss.items.map((item) => [item.title, item.link, item.guid, item.isoDate])).toEqual(
        [4, 3, 2].map((id) => [
          aPublishedArticle(id, id === 4 ? { title: 'Tom & Jerry <3' } : {}).title,
          `https://blog.example/blog/${id}`,
          `https://blog.example/blog/${id}`,
          new Date(aPublishedArticle(id).publishedAt).toISOString(),
        ]),
      );
      const tricky = rss.items[0];
      expect(tricky?.['content:encoded']).toContain('<h1>Heading</h1>');
      expect(tricky?.['content:encoded']).toContain('<code>a]]&gt;b</code>');
      expect(tricky?.['content:encoded']).toContain('<b>bold</b>');
      expect(tricky?.['content:encoded']).toContain('<div>raw ]]> end</div>');
      expect(stored.body).toContain(`<description>${'# Heading\n\nSee `a]]&gt;b` &amp; &lt;b&gt;bold&lt;/b&gt; text — 한글 😀\n\n&lt;div&gt;raw ]]&gt; end&lt;/div&gt;\n\n- item'}</description>`);
      expect(stored.body).toContain('<guid isPermaLink="true">https://blog.example/blog/4</guid>');
    });

    it('gives Atom 1.0 with the same entries, RFC 3339 dates and html content', async () => {
      await generate();
      const stored = await feed('atom');
      expect(stored.contentType).toBe('application/atom+xml; charset=utf-8');
      expect(wellFormednessErrors(stored.body)).toBe('');
      expect(stored.body).toContain('<id>https://blog.example/</id>');
      expect(stored.body).toContain('<link rel="self" href="https://api.blog.example/api/seo/atom" type="application/atom+xml"/>');
      expect(stored.body).toContain('<author><name>jinia</name></author>');
      expect(stored.body).toContain(`<updated>${w3cDateTime(removedAt)}</updated>`);
      const atom = await parser.parseString(stored.body);
      expect(atom).toMatchObject({ title: "Jinia's Log", link: 'https://blog.example' });
      expect(atom.items.map((item) => [item.id, item.link, item.published, item.updated])).toEqual(
        [4, 3, 2].map((id) => [
          `https://blog.example/blog/${id}`,
          `https://blog.example/blog/${id}`,
          w3cDateTime(aPublishedArticle(id).publishedAt),
          w3cDateTime(aPublishedArticle(id).lastPublishedAt),
        ]),
      );
      expect(atom.items[0]?.content).toContain('<code>a]]&gt;b</code>');
      expect(atom.items[0]?.content).toContain('<div>raw ]]> end</div>');
      expect(atom.items[0]?.summary).toBe('# Heading\n\nSee `a]]>b` & <b>bold</b> text — 한글 😀\n\n<div>raw ]]> end</div>\n\n- item');
    });

    it('writes the same bytes, tags and dates when nothing changed (a duplicate tick)', async () => {
      await generate();
      const before = await Promise.all(['sitemap', 'sitemap/1', 'rss', 'atom'].map(feed));
      await generate();
      const after = await Promise.all(['sitemap', 'sitemap/1', 'rss', 'atom'].map(feed));
      expect(after.map(({ body, etag, lastModified }) => ({ body, etag, lastModified }))).toEqual(before.map(({ body, etag, lastModified }) => ({ body, etag, lastModified })));
      expect(before.every((stored) => stored.lastModified === removedAt)).toBe(true);
    });
  });

  // SQLite only, to keep the suite short: the queries are the same in both dialects, and MySQL's handling of
  // multi-megabyte files is covered by the store's contract suite (and measured by bench/seo-generate.ts).
  it.runIf(dialect === 'sqlite')('beyond 50,000 URLs, splits the sitemap into numbered files under an index, and joins them again when the site shrinks', async () => {
    const db = database.db.withTables<SeoTables>();
    await seedPublishedArticles(db, MAX_SITEMAP_URLS); // with the home page: 50,001 URLs
    expect(await generate()).toMatchObject({ articles: MAX_SITEMAP_URLS, sitemapFiles: 2 });

    const index = (await feed('sitemap')).body;
    expect(schemaErrors(index, SITEMAP_INDEX_XSD)).toBe('');
    expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(locs(index)).toEqual(['https://api.blog.example/api/seo/sitemap/1', 'https://api.blog.example/api/seo/sitemap/2']);
    const [first, second] = [(await feed('sitemap/1')).body, (await feed('sitemap/2')).body];
    expect(schemaErrors(first, SITEMAP_XSD)).toBe('');
    expect(schemaErrors(second, SITEMAP_XSD)).toBe('');
    const firstLocs = locs(first);
    expect(firstLocs).toHaveLength(MAX_SITEMAP_URLS);
    expect(firstLocs.slice(0, 2)).toEqual(['https://blog.example', `https://blog.example/blog/${MAX_SITEMAP_URLS}`]);
    expect(locs(second)).toEqual(['https://blog.example/blog/1']);
    // Each file's lastmod in the index is the newest of its URLs.
    expect(lastmods(index)).toEqual([lastmods(first)[0], lastmods(second)[0]]);

    await db.updateTable('seo_articles').set({ published: 0 }).where('id', '<=', 10).execute();
    await deps.store.schedule.recordChange(1);
    expect(await generate()).toMatchObject({ sitemapFiles: 1 });
    expect((await feed('sitemap')).body).toMatch(/^<\?xml[^>]*>\n<urlset /);
    expect(await deps.store.feeds.get('sitemap/2')).toBeNull();
  }, 120_000);

  describe('regeneration', () => {
    it('is due before the first generation, then only after a change and the coalescing window', async () => {
      expect((await regenerateFeeds(deps, 'due')).kind).toBe('generated');
      expect((await regenerateFeeds(deps, 'due')).kind).toBe('not-due');
      await trackArticleChange(deps, published(aPublishedArticle(1)));
      expect((await regenerateFeeds(deps, 'due')).kind).toBe('not-due');
      expect((await regenerateFeeds({ ...deps, coalesceMs: 0 }, 'due')).kind).toBe('generated');
      expect(locs((await feed('sitemap')).body)).toContain('https://blog.example/blog/1');
    });

    it('leaves the work to whoever holds the lease', async () => {
      expect(await deps.store.schedule.claim('another instance', Date.now(), 60_000)).toBe(true);
      expect((await regenerateFeeds(deps, 'always')).kind).toBe('busy');
      expect(await deps.store.feeds.get('sitemap')).toBeNull();
    });

    it('writes nothing when the lease was lost midway', async () => {
      // As if the generation outlived its lease and another instance took it over: `complete` finds another owner.
      const store = deps.store;
      const overtaken = { ...store, inTransaction: <T>(work: Parameters<typeof store.inTransaction<T>>[0]) =>
        store.inTransaction((repositories) => work({ ...repositories, schedule: { ...repositories.schedule, complete: async () => false } })) };
      await trackArticleChange(deps, published(aPublishedArticle(1)));
      await expect(regenerateFeeds({ ...deps, store: overtaken }, 'always')).rejects.toThrow('lease expired');
      expect(await deps.store.feeds.get('sitemap')).toBeNull();
      expect((await deps.store.schedule.read()).generatedChange).toBeNull();
      // The lease was released, so the next generation need not wait for it to expire.
      expect((await regenerateFeeds(deps, 'always')).kind).toBe('generated');
    });
  });
});
