import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleTagged } from '../../shared/events/blog-article.events.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { registeredListener } from '../../shared/platform/runtime/register-function.ts';
import type { SeoStore } from '../../shared/seo/ports/seo-store.port.ts';
import { deliverArticleEvent, deletedEvent, publishedEvent, unpublishedEvent, type ArticleEventSpec } from '../../shared/seo/testing/article-events.ts';
import { aPublishedArticle, openSeoForTest, testSiteEnv } from '../../shared/seo/testing/seo-fixtures.ts';
import { loadFunction } from '../function-modules.ts';
import { startTestPlatform, type FunctionsPlatform } from '../testing/test-platform.ts';
import { manifest } from './function.ts';

const rssLinks = async (store: SeoStore): Promise<string[]> => {
  const stored = await store.feeds.get('rss');
  return [...(stored?.body ?? '').matchAll(/<link>([^<]*)<\/link>/g)].map((match) => match[1] as string).slice(1);
};

describe.each(['embedded', 'services'] as const)('seo-track-articles (%s profile)', (profile) => {
  let platform: FunctionsPlatform;
  let store: SeoStore;
  const deliver = (spec: ArticleEventSpec, extensions?: Record<string, string>) => deliverArticleEvent(platform.sinkOf(manifest.name), spec, extensions);
  // A window longer than the test: only the first change regenerates, the rest wait for it.
  beforeAll(async () => {
    platform = await startTestPlatform(profile, { functions: [manifest], env: { ...testSiteEnv, PILOG_SEO_COALESCE_S: '50' } });
    ({ store } = await platform.open(openSeoForTest));
  });
  afterAll(async () => platform?.close());

  it('records a publish and regenerates the feeds at once when none were generated yet', async () => {
    const response = await deliver(publishedEvent(aPublishedArticle(1), 3));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'done' });
    expect((await store.articles.newest(10)).map((article) => article.id)).toEqual([1]);
    expect(await rssLinks(store)).toEqual(['https://blog.example/blog/1']);
  });

  it('counts later changes within the coalescing window without regenerating for each', async () => {
    expect((await deliver(publishedEvent(aPublishedArticle(2), 1))).status).toBe(200);
    expect((await store.articles.newest(10)).map((article) => article.id)).toEqual([2, 1]);
    expect(await rssLinks(store)).toEqual(['https://blog.example/blog/1']);
    const state = await store.schedule.read();
    expect(state.changeCount).toBeGreaterThan(state.generatedChange ?? 0);
  });

  it('ignores a replayed or older event of an article', async () => {
    expect((await deliver(publishedEvent(aPublishedArticle(1, { title: 'Stale' }), 2))).status).toBe(200);
    expect((await deliver(publishedEvent(aPublishedArticle(1), 3))).status).toBe(200);
    expect((await store.articles.newest(10)).find((article) => article.id === 1)?.title).toBe('Article 1');
  });

  it('removes unpublished and deleted articles', async () => {
    expect((await deliver(unpublishedEvent(1, 4, Date.now()))).status).toBe(200);
    expect((await deliver(deletedEvent(2, 2, Date.now()))).status).toBe(200);
    expect(await store.articles.newest(10)).toEqual([]);
  });

  it('rejects an event without an aggregate version or with bad data, so it goes to the dead letters', async () => {
    const noVersion = await deliver(publishedEvent(aPublishedArticle(3), 1), {});
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({ status: 'reject', reason: expect.stringContaining('aggregateversion') });
    const badData = await deliver({ ...publishedEvent(aPublishedArticle(3), 1), data: { articleId: 3, title: 'no body' } });
    expect(badData.status).toBe(400);
    expect(await store.articles.newest(10)).toEqual([]);
  });

  it("acknowledges the topic's other article events without acting on them", async () => {
    const response = await deliver({ definition: articleTagged, data: { articleId: 3, tag: { id: 1, name: 'x' }, tags: [], published: false }, version: 9, time: Date.now() });
    expect(response.status).toBe(200);
  });
});

describe('seo-track-articles without its database', () => {
  it('answers retry, so the source redelivers the event later', async () => {
    const logger = createLogger({ sink: { write: () => {} } });
    const env = { PILOG_PROFILE: 'services', PILOG_MYSQL_URL: 'mysql://root@127.0.0.1:1/none', PILOG_PUBLIC_API_URL: 'https://api.blog.example' };
    const running = await (await loadFunction(manifest)).start({ logger, env });
    const server = createServer(registeredListener(manifest.name)).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await deliverArticleEvent(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, publishedEvent(aPublishedArticle(1), 1));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'retry' });
    } finally {
      server.close();
      await running.close();
    }
  });
});
