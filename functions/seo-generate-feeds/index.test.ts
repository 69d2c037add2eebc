import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegenerateFeedsDeps } from '../../shared/seo/application/regenerate-feeds.ts';
import { trackArticleChange } from '../../shared/seo/application/track-article-change.ts';
import { aPublishedArticle, openSeoForTest, published, testSiteEnv } from '../../shared/seo/testing/seo-fixtures.ts';
import { startTestPlatform, type FunctionsPlatform } from '../testing/test-platform.ts';
import { manifest } from './function.ts';

const FEEDS = ['sitemap', 'sitemap/1', 'rss', 'atom'];

describe('the seo-generate-feeds manifest', () => {
  it('schedules a tick every 15 minutes', () => {
    expect(manifest.trigger).toEqual({ kind: 'cron', schedule: '*/15 * * * *' });
  });
});

describe.each(['embedded', 'services'] as const)('seo-generate-feeds (%s profile)', (profile) => {
  let platform: FunctionsPlatform;
  let seo: RegenerateFeedsDeps;
  beforeAll(async () => {
    platform = await startTestPlatform(profile, { functions: [manifest], env: testSiteEnv });
    seo = await platform.open(openSeoForTest);
    for (const id of [1, 2]) await trackArticleChange(seo, published(aPublishedArticle(id)));
  });
  afterAll(async () => platform?.close());

  it('builds and stores every feed on a tick', async () => {
    const response = await platform.ping(manifest.name);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'done' });
    const sitemap = await seo.store.feeds.get('sitemap');
    expect(sitemap?.body).toContain('<loc>https://blog.example/blog/2</loc>');
    expect((await seo.store.feeds.get('rss'))?.body).toContain('<guid isPermaLink="true">https://blog.example/blog/1</guid>');
    expect(platform.logLines.some((line) => line.includes('feeds generated') && line.includes('"articles":2'))).toBe(true);
  });

  it('writes the same bytes on a duplicate tick', async () => {
    const before = await Promise.all(FEEDS.map((name) => seo.store.feeds.get(name)));
    expect((await platform.ping(manifest.name)).status).toBe(200);
    const after = await Promise.all(FEEDS.map((name) => seo.store.feeds.get(name)));
    expect(after.map((feed) => [feed?.body, feed?.etag, feed?.lastModified])).toEqual(before.map((feed) => [feed?.body, feed?.etag, feed?.lastModified]));
    expect(after.every((feed, i) => (feed?.generatedAt ?? 0) >= (before[i]?.generatedAt ?? Infinity))).toBe(true);
  });

  it('leaves a tick to a generation already running elsewhere', async () => {
    expect(await seo.store.schedule.claim('another instance', Date.now(), 60_000)).toBe(true);
    const response = await platform.ping(manifest.name);
    expect(response.status).toBe(200);
    expect(platform.logLines.at(-1)).toContain('feeds are being generated elsewhere');
    await seo.store.schedule.release('another instance');
  });
});
