import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../shared/platform/logging/logger.ts';
import { openRedis, REDIS_COMMAND_TIMEOUT_MS } from '../shared/platform/redis/redis-client.ts';
import { startPausableRedis, type PausableRedis } from '../shared/platform/redis/testing/pausable-redis.ts';
import { metricCatalog } from '../shared/platform/telemetry/metric-catalog.ts';
import { openTelemetry, type Telemetry } from '../shared/platform/telemetry/telemetry.ts';
import { startOtlpReceiver } from '../shared/platform/telemetry/testing/otlp-receiver.ts';
import { manifest as authSession } from './auth-manage-session/function.ts';
import { manifest as publishPost } from './blog-publish-post/function.ts';
import { manifest as readArticles } from './blog-read-articles/function.ts';
import { startTestPlatform, type FunctionsPlatform } from './testing/test-platform.ts';

/** Longer than a read cache's pause after a failure (cache.redis.ts), so the cache is asked again. */
const CACHE_SKIP_MS = 3_000;
/** What a request may take beyond the command timeout on this shared machine: the database read, the edge. */
const SLACK_MS = 1_000;

/**
 * A hung Redis (its process paused with SIGSTOP, as a GC stall or a dead network looks: the connection stays up
 * and nothing answers). Public reads do not need it: they answer from the database within the command timeout.
 * What needs Redis to be correct (here the sign-in rate limit) fails closed with 503, as quickly. The Redis is the
 * test's own: pausing the run's shared one would stall every other test file. Telemetry is on (the functions run in
 * this process), so the cache's failures are counted where a dashboard reads them.
 */
describe('services profile with Redis paused', () => {
  let redis: PausableRedis;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let telemetry: Telemetry;
  let platform: FunctionsPlatform;
  let articleId: number;

  beforeAll(async () => {
    [redis, receiver] = await Promise.all([startPausableRedis(), startOtlpReceiver()]);
    telemetry = await openTelemetry({ telemetry: 'on', otlpEndpoint: receiver.endpoint, metricExportIntervalMs: 60_000 }, 'paused-redis-test', createLogger());
    platform = await startTestPlatform('services', { functions: [readArticles, publishPost, authSession], env: { PILOG_REDIS_URL: redis.url } });
    articleId = await platform.publishArticle(await platform.signInAs('admin'));
  });
  afterAll(async () => {
    redis?.resume();
    await platform?.close();
    await redis?.close();
    await receiver?.close();
  });

  const timed = async (path: string) => {
    const started = performance.now();
    // Bounded, so a hang fails the test instead of stalling it.
    const response = await fetch(`${platform.base}${path}`, { signal: AbortSignal.timeout(15_000) });
    const body = (await response.json()) as Record<string, unknown>;
    return { status: response.status, body, ms: Math.round(performance.now() - started) };
  };
  const article = () => timed(`/api/v1/articles/${articleId}?expectedStatus=PUBLISHED`);
  const signInUrl = () => timed('/api/v1/auth/google/url');
  const keyspaceHits = async (): Promise<number> => {
    const { client, release } = await openRedis({ url: redis.url }, createLogger({ level: 'error' }));
    try {
      return Number(/keyspace_hits:(\d+)/.exec(await client.info('stats'))?.[1]);
    } finally {
      await release();
    }
  };

  it('answers public reads from the database and refuses sign-in with 503 while paused; both work again once it runs', async () => {
    expect((await article()).status).toBe(200);
    expect((await signInUrl()).status).toBe(200);

    redis.pause();
    let paused: Array<Awaited<ReturnType<typeof timed>>>;
    try {
      paused = [await article(), await article(), await signInUrl()];
    } finally {
      redis.resume();
    }
    const [firstRead, nextRead, signIn] = paused;
    console.info(`Redis paused: first read ${firstRead?.ms} ms, next read ${nextRead?.ms} ms, sign-in URL ${signIn?.ms} ms (command timeout ${REDIS_COMMAND_TIMEOUT_MS} ms)`);
    expect([firstRead?.status, nextRead?.status, firstRead?.body.title]).toEqual([200, 200, 'A published article']);
    expect(firstRead?.ms).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS + SLACK_MS);
    expect(nextRead?.ms).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS); // the cache is skipped after the first failure
    expect(signIn?.status).toBe(503);
    expect(signIn?.body).toEqual({ code: 'UPSTREAM_UNAVAILABLE', message: 'the rate limiter cannot answer now' });
    expect(signIn?.ms).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS + SLACK_MS);

    await new Promise((resolve) => setTimeout(resolve, CACHE_SKIP_MS));
    expect((await signInUrl()).status).toBe(200);
    expect((await article()).status).toBe(200);
    const hits = await keyspaceHits();
    expect((await article()).status).toBe(200);
    expect(await keyspaceHits()).toBeGreaterThan(hits); // read from the cache again
    await telemetry.shutdown(); // flushes the metrics
    const cacheErrors = receiver.points.filter((point) => point.metric === metricCatalog.cacheErrors.name && point.attributes['pilog.cache.operation'] === 'get');
    expect(cacheErrors.reduce((sum, point) => sum + (point.value ?? 0), 0)).toBeGreaterThanOrEqual(1); // the first read's timeout
  }, 60_000);
});
