import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverArticleEvent, publishedEvent, unpublishedEvent, type ArticleEventSpec } from '../../shared/seo/testing/article-events.ts';
import { aPublishedArticle, openSeoForTest, testSiteEnv } from '../../shared/seo/testing/seo-fixtures.ts';
import { manifest as trackArticles } from '../seo-track-articles/function.ts';
import { FRONTEND_ORIGIN } from '../testing/api-caller.ts';
import type { Profile } from '../testing/platform-env.ts';
import { startTestPlatform } from '../testing/test-platform.ts';
import { manifest as serveFeeds } from './function.ts';

/** seo-serve-feeds behind the edge, and seo-track-articles to deliver article events to; anonymous GETs and the feeds' tables. */
async function startFeeds(profile: Profile, coalesceSeconds: number) {
  const platform = await startTestPlatform(profile, { functions: [serveFeeds, trackArticles], env: { ...testSiteEnv, PILOG_SEO_COALESCE_S: String(coalesceSeconds) } });
  const { store } = await platform.open(openSeoForTest);
  return {
    platform,
    store,
    get: (path: string, headers: Record<string, string> = {}) => platform.request(platform.anonymous.jar, path, { headers }),
    deliver: (spec: ArticleEventSpec) => deliverArticleEvent(platform.sinkOf(trackArticles.name), spec),
  };
}
type Feeds = Awaited<ReturnType<typeof startFeeds>>;

const feedLinks = (xml: string): string[] => [...xml.matchAll(/(?:<loc>|<link>|<guid[^>]*>|<id>|href=")(http[^<"]*)/g)].map((match) => match[1] as string);

describe.each(['embedded', 'services'] as const)('seo-serve-feeds (%s profile)', (profile) => {
  let seo: Feeds;
  // No coalescing, so every read after a change sees it; the window itself is tested with the tracker.
  beforeAll(async () => void (seo = await startFeeds(profile, 0)));
  afterAll(async () => seo?.platform.close());

  it('generates on demand before the first generation, answering every route with its content type and CORS headers', async () => {
    expect(await seo.store.feeds.get('sitemap')).toBeNull();
    const expected = {
      '/api/seo/sitemap': 'application/xml; charset=utf-8',
      '/api/seo/sitemap/1': 'application/xml; charset=utf-8',
      '/api/seo/rss': 'application/rss+xml; charset=utf-8',
      '/api/seo/atom': 'application/atom+xml; charset=utf-8',
    };
    for (const [path, contentType] of Object.entries(expected)) {
      const response = await seo.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe(contentType);
      expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
      expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
      expect(response.headers.get('last-modified')).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
      expect(await response.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n/);
    }
  });

  it('serves a publish within the coalescing window, every link on the site URL or the feeds own URL (J1 step 7, J4 step 6)', async () => {
    const article = aPublishedArticle(42, { title: 'Hello' });
    expect((await seo.deliver(publishedEvent(article, 5))).status).toBe(200);
    const text = async (path: string) => (await seo.get(path)).text();
    const [sitemap, rss, atom] = [await text('/api/seo/sitemap'), await text('/api/seo/rss'), await text('/api/seo/atom')];
    expect(sitemap).toContain('<url><loc>https://blog.example/blog/42</loc><lastmod>');
    const parser = new Parser();
    expect((await parser.parseString(rss)).items.map((item) => [item.title, item.link])).toEqual([['Hello', 'https://blog.example/blog/42']]);
    expect((await parser.parseString(atom)).items.map((item) => [item.title, item.link])).toEqual([['Hello', 'https://blog.example/blog/42']]);
    for (const link of [sitemap, rss, atom].flatMap(feedLinks)) {
      expect(link.startsWith('https://blog.example') || link.startsWith('https://api.blog.example/api/seo/'), link).toBe(true);
    }
  });

  it('answers 304 to If-None-Match and If-Modified-Since while the feed is unchanged, and 200 once it changed', async () => {
    const first = await seo.get('/api/seo/rss');
    const etag = first.headers.get('etag') as string;
    const lastModified = first.headers.get('last-modified') as string;
    expect(new Date(lastModified).getTime()).toBe(Math.floor(aPublishedArticle(42).lastPublishedAt / 1000) * 1000);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');

    const byTag = await seo.get('/api/seo/rss', { 'if-none-match': etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(byTag.headers.get('access-control-allow-origin')).toBe(FRONTEND_ORIGIN);
    expect((await seo.get('/api/seo/rss', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await seo.get('/api/seo/rss', { 'if-none-match': '"something-else"', 'if-modified-since': lastModified })).status).toBe(200);

    // An unpublish is a newer change: the feed moves on and both validators change with it.
    expect((await seo.deliver(unpublishedEvent(42, 6, Date.now()))).status).toBe(200);
    const changed = await seo.get('/api/seo/rss', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(await changed.text()).not.toContain('/blog/42');
    expect((await seo.get('/api/seo/rss', { 'if-modified-since': lastModified })).status).toBe(200);
  });

  it('answers 404 for a sitemap file out of range or not a page number', async () => {
    for (const page of ['2', '0', '01', 'abc', '1.5']) {
      const response = await seo.get(`/api/seo/sitemap/${page}`);
      expect(response.status, page).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('freshness after a burst of changes (coalescing window of 1 s)', () => {
  let seo: Feeds;
  beforeAll(async () => void (seo = await startFeeds('embedded', 1)));
  afterAll(async () => seo?.platform.close());

  const rssTitles = async (): Promise<string[]> => (await new Parser().parseString(await (await seo.get('/api/seo/rss')).text())).items.map((item) => item.title ?? '');

  it('regenerates at most once per window, and a read after the window gets every change even with no event to trigger it', async () => {
    expect((await seo.deliver(publishedEvent(aPublishedArticle(1, { title: 'First' }), 1))).status).toBe(200);
    expect(await rssTitles()).toEqual(['First']);
    // Within the window: counted, not yet regenerated by the tracker nor by a read.
    expect((await seo.deliver(publishedEvent(aPublishedArticle(2, { title: 'Second' }), 1))).status).toBe(200);
    expect((await seo.deliver(publishedEvent(aPublishedArticle(3, { title: 'Third' }), 1))).status).toBe(200);
    expect(await rssTitles()).toEqual(['First']);
    // The burst is over and no further event comes: the first read after the window regenerates before answering.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await rssTitles()).toEqual(['Third', 'Second', 'First']);
    expect(seo.platform.logLines.some((line) => line.includes('feeds generated on demand'))).toBe(true);
  });
});
