import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../shared/platform/database/database.ts';
import { appendCommitted, manualClock, stampsAt } from '../../shared/platform/outbox/testing/outbox-fixtures.ts';
import { raise } from '../../shared/events/event-definition.ts';
import { aPublishedArticle } from '../../shared/seo/testing/seo-fixtures.ts';
import { publishedEvent, unpublishedEvent, type ArticleEventSpec } from '../../shared/seo/testing/article-events.ts';
import { SITEMAP_XSD, ensureXmllint, schemaErrors } from '../../shared/seo/testing/xmllint.ts';
import type { DevHost } from '../../tools/dev-host/dev-host.ts';
import { startTestPlatform, type WholePlatform } from '../testing/test-platform.ts';

const ORIGIN = 'http://localhost:3000';
const SITE = 'https://www.jiniaslog.co.kr';
const FRESH_WITHIN_MS = 60_000;

/**
 * The feed parts of journeys J1 (step 7) and J4 (steps 6 and 8) on the whole platform as `npm start` runs it: the
 * article events arrive the way the blog's outbox relay publishes them, travel the dev host's KafkaSource emulation
 * to seo-track-articles, and the feeds are read anonymously through the edge.
 */
describe('feeds on the dev host (embedded profile)', () => {
  let platform: WholePlatform;
  let host: DevHost;
  const parser = new Parser();

  let database: DatabaseHandle;
  // As the blog commits them: into the outbox the dev host feeds its event functions from.
  const publish = (spec: ArticleEventSpec) => appendCommitted(database.db, [raise(spec.definition, spec.data, spec.version)], stampsAt(manualClock(spec.time)));
  const read = async (path: string) => {
    const response = await fetch(`${host.url}${path}`, { headers: { origin: ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    return { contentType: response.headers.get('content-type'), body: await response.text() };
  };
  const eventually = async (check: () => Promise<boolean>): Promise<number> => {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > FRESH_WITHIN_MS) throw new Error('not fresh within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return Date.now() - started;
  };
  const inAllFeeds = async (articleId: number): Promise<boolean[]> =>
    Promise.all(['/api/seo/sitemap', '/api/seo/rss', '/api/seo/atom'].map(async (path) => new RegExp(`${SITE}/blog/${articleId}[<"]`).test((await read(path)).body)));

  beforeAll(async () => {
    ensureXmllint();
    // A 2 s coalescing window instead of the default 10 s keeps the test short; the mechanism is the same.
    platform = await startTestPlatform('embedded', { env: { PILOG_SEO_COALESCE_S: '2' } });
    host = platform.host;
    database = await openDatabase({ profile: 'embedded', dataDir: platform.dataDir, mysqlUrl: '' });
  });
  afterAll(async () => {
    await database.close();
    await platform.close();
  });

  it('J1 step 7: anonymous sitemap, RSS and Atom with the contract content types and shapes, links on PILOG_SITE_URL', async () => {
    await publish(publishedEvent(aPublishedArticle(101, { title: 'Existing' }), 2));
    await eventually(async () => (await inAllFeeds(101)).every(Boolean));
    const sitemap = await read('/api/seo/sitemap');
    expect(sitemap.contentType).toBe('application/xml; charset=utf-8');
    expect(schemaErrors(sitemap.body, SITEMAP_XSD)).toBe('');
    expect(sitemap.body.match(/<loc>[^<]*<\/loc>/g)).toEqual([`<loc>${SITE}</loc>`, `<loc>${SITE}/blog/101</loc>`]);
    const rss = await read('/api/seo/rss');
    expect(rss.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(rss.body).toContain('<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>');
    expect(await parser.parseString(rss.body)).toMatchObject({ title: "Jinia's Log", link: SITE, items: [{ title: 'Existing', link: `${SITE}/blog/101`, guid: `${SITE}/blog/101` }] });
    const atom = await read('/api/seo/atom');
    expect(atom.contentType).toBe('application/atom+xml; charset=utf-8');
    expect(atom.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(await parser.parseString(atom.body)).toMatchObject({ title: "Jinia's Log", link: SITE, items: [{ title: 'Existing', link: `${SITE}/blog/101` }] });
  });

  it('J4 steps 6 and 8: a publish shows in every feed within 60 s, first in RSS and Atom; an unpublish leaves them within 60 s', async () => {
    const article = aPublishedArticle(202, { title: 'Hello', publishedAt: Date.now(), lastPublishedAt: Date.now() });
    await publish(publishedEvent(article, 4, Date.now()));
    await eventually(async () => (await inAllFeeds(202)).every(Boolean));
    expect((await parser.parseString((await read('/api/seo/rss')).body)).items[0]).toMatchObject({ title: 'Hello', link: `${SITE}/blog/202` });
    expect((await parser.parseString((await read('/api/seo/atom')).body)).items[0]).toMatchObject({ title: 'Hello', link: `${SITE}/blog/202` });

    await publish(unpublishedEvent(202, 5, Date.now()));
    await eventually(async () => (await inAllFeeds(202)).every((present) => !present));
    expect((await parser.parseString((await read('/api/seo/rss')).body)).items.map((item) => item.link)).toEqual([`${SITE}/blog/101`]);
  });
});
