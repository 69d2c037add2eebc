import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../bench/measure-process.ts';
import { profileEnv } from '../../../functions/testing/platform-env.ts';
import { createEventDispatcher } from '../../../tools/dev-host/event-dispatcher.ts';
import { subscribeKafka } from '../../../tools/dev-host/event-sources.ts';
import { postPing } from '../../../tools/dev-host/ping-source.ts';
import { createJoseSessionTokens } from '../../auth/adapters/session-tokens.jose.ts';
import { articleCreated } from '../../events/blog-article.events.ts';
import { systemClock } from '../../kernel/clock.ts';
import { openTestDatabase, type TestDatabase } from '../database/testing/test-databases.ts';
import { createLogger } from '../logging/logger.ts';
import { createTopic, testKafkaBrokers } from '../messaging/testing/test-kafka.ts';
import { spawnNode, type SpawnedProcess } from '../runtime/testing/spawn-node.ts';
import { metricCatalog } from './metric-catalog.ts';
import { startOtlpReceiver, traceTree, type ReceivedSpan } from './testing/otlp-receiver.ts';

const entry = (name: string): string => fileURLToPath(new URL(`../../../functions/${name}/main.ts`, import.meta.url));
const JWT_SECRET = 'blog-test-secret-that-is-long-enough-for-hs256';

/**
 * The services profile with telemetry on, as the cluster runs it: blog-publish-post, search-index-articles and
 * events-sweep-outbox each a process of its own exporting OTLP/HTTP to a receiver in this test, Kafka delivering to
 * the indexer as a KafkaSource does (the dev host's consumer and dispatcher), real MariaDB and OpenSearch. A publish
 * over HTTP and the index write it causes must be one trace, also when the sweep published the event later.
 */
describe('one trace from the publish click to the search index', { timeout: 180_000 }, () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let database: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'pilog-otel-'));
  const processes: SpawnedProcess[] = [];
  const closers: Array<() => Promise<void>> = [];
  let env: Record<string, string>;

  const startFunction = async (name: string, extra: Record<string, string> = {}): Promise<string> => {
    const port = await freePort();
    const proc = spawnNode(entry(name), { ...env, FUNCTION_TARGET: name, PORT: String(port), ...extra });
    processes.push(proc);
    await proc.waitForLine((line) => line.message === 'function ready', 30_000);
    return `http://127.0.0.1:${port}`;
  };

  const adminCookie = async (): Promise<string> => {
    const tokens = createJoseSessionTokens({ key: new TextEncoder().encode(JWT_SECRET), accessTtlSeconds: 3600, refreshTtlSeconds: 3600, clock: systemClock });
    return `jiniaslog_access=${(await tokens.mint({ userId: 1, roles: ['USER', 'ADMIN'], fid: tokens.newFamilyId() })).access}`;
  };

  /** Creates, drafts and publishes an article through the publish function: the article id and the publish's trace id. */
  const publishArticle = async (publishUrl: string): Promise<{ articleId: number; traceId: string }> => {
    const cookie = await adminCookie();
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${publishUrl}${path}`, {
        method,
        headers: { cookie, origin: 'http://localhost:3000', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      expect(response.ok, `${method} ${path}: ${response.status} ${text}`).toBe(true);
      return text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
    };
    const { articleId } = (await call('POST', '/api/v1/articles')) as { articleId: number };
    await call('PUT', `/api/v1/articles/${articleId}/draft`, { title: `Traced ${articleId}`, contents: 'one trace', thumbnailUrl: 'https://github.com/x.png' });
    const before = receiver.spans.length;
    await call('PATCH', `/api/v1/articles/${articleId}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' });
    const publish = await waitFor(() =>
      receiver.spans.slice(before).find((span) => span.name === 'PATCH /api/v1/articles/{articleId}' && span.service === 'blog-publish-post' && span.attributes['http.response.status_code'] === 200),
    );
    return { articleId, traceId: publish.traceId };
  };

  const indexSpanOf = (traceId: string): Promise<ReceivedSpan> =>
    waitFor(() => receiver.spans.find((span) => span.traceId === traceId && span.service === 'search-index-articles' && span.name === 'opensearch bulk'));

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    database = await openTestDatabase('mysql');
    await createTopic(testKafkaBrokers(), articleCreated.topic);
    env = {
      ...profileEnv('services', dataDir),
      ...database.env,
      PILOG_JWT_SECRET: JWT_SECRET,
      PILOG_CORS_ORIGINS: 'http://localhost:3000',
      PILOG_SEARCH_INDEX: `pilog-otel-${randomBytes(4).toString('hex')}`,
      PILOG_TELEMETRY: 'on',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      PILOG_LOG_LEVEL: 'info',
    };
    const indexUrl = await startFunction('search-index-articles');
    // The KafkaSource in front of the indexer, on a group of its own; what earlier suites left on the topic is skipped
    // (concurrent suites' events only reach this suite's own index).
    const logger = createLogger({ level: 'error' });
    const dispatcher = createEventDispatcher({ sink: `${indexUrl}/`, deadLetter: async () => {}, logger });
    const since = Date.now();
    closers.push(
      await subscribeKafka({
        brokers: testKafkaBrokers(),
        functionName: `otel-test-${randomBytes(4).toString('hex')}`,
        topic: articleCreated.topic,
        dispatcher: { ...dispatcher, deliver: async (event) => (Date.parse(event.time ?? '') >= since ? dispatcher.deliver(event) : 'delivered') },
        logger,
      }),
    );
  }, 120_000);

  afterAll(async () => {
    for (const close of closers) await close();
    await Promise.all(processes.map(async (proc) => proc.child.exitCode === null && (proc.child.kill('SIGTERM'), await proc.exited())));
    await receiver?.close();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('joins the HTTP span of the publish and the indexing span in one trace, with the metrics', async () => {
    const publishUrl = await startFunction('blog-publish-post');
    const created = await publishArticle(publishUrl);
    const index = await indexSpanOf(created.traceId);
    const trace = receiver.spans.filter((span) => span.traceId === created.traceId);
    console.log(`trace ${created.traceId}\n${traceTree(receiver.spans, created.traceId)}`);

    const names = trace.map((span) => `${span.service}: ${span.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'blog-publish-post: PATCH /api/v1/articles/{articleId}',
        'blog-publish-post: db.transaction',
        'blog-publish-post: kafka send',
        'search-index-articles: search-index-articles pilog.blog.article.published.v1',
        'search-index-articles: opensearch bulk',
      ]),
    );
    const consumer = trace.find((span) => span.service === 'search-index-articles' && span.spanId === index.parentSpanId);
    expect(consumer?.attributes['pilog.outcome']).toBe('handled');
    // The consumer's parent is the span that wrote the outbox row: the publish's SQL transaction.
    expect(trace.find((span) => span.spanId === consumer?.parentSpanId)?.name).toBe('db.transaction');

    await waitFor(() => receiver.points.find((point) => point.metric === metricCatalog.indexLag.name));
    const point = (name: string, where: (attributes: Readonly<Record<string, unknown>>) => boolean = () => true) =>
      receiver.points.filter((candidate) => candidate.metric === name && where(candidate.attributes)).at(-1);
    const requests = point(metricCatalog.requestDuration.name, (a) => a['http.route'] === '/api/v1/articles/{articleId}' && a['http.request.method'] === 'PATCH');
    expect(requests?.count).toBeGreaterThanOrEqual(1);
    expect(requests?.sum).toBeGreaterThan(0);
    expect(requests?.sum).toBeLessThan(10);
    const lag = point(metricCatalog.indexLag.name);
    expect(lag?.count).toBeGreaterThanOrEqual(1);
    expect((lag?.sum ?? 0) / (lag?.count ?? 1)).toBeLessThan(30);
    const coldStart = point(metricCatalog.coldStart.name);
    expect(coldStart?.count).toBe(1);
    expect(coldStart?.sum).toBeGreaterThan(0);
    expect(coldStart?.sum).toBeLessThan(60);
    const handled = point(metricCatalog.eventDeliveries.name, (a) => a['pilog.consumer'] === 'search-index-articles' && a['pilog.outcome'] === 'handled');
    expect(handled?.value).toBeGreaterThanOrEqual(1);
  });

  it('keeps one trace when the sweep publishes the event later (broker down at publish time)', async () => {
    const publishUrl = await startFunction('blog-publish-post', { PILOG_KAFKA_BROKERS: '127.0.0.1:1' });
    const created = await publishArticle(publishUrl);
    const sweepUrl = await startFunction('events-sweep-outbox');
    // The fast path gives up within its deadline and hands the rows to the sweep; tick until the sweep has them all.
    await waitFor(async () => (await postPing(`${sweepUrl}/`, 'events-sweep-outbox')).status === 200 && (await backlogOf(database)) === 0, 40_000);
    const index = await indexSpanOf(created.traceId);
    console.log(`trace ${created.traceId} (published by the sweep)\n${traceTree(receiver.spans, created.traceId)}`);
    expect(index.traceId).toBe(created.traceId);
    // The sweep, not the fast path, published it: it claimed the row after the fast path had failed.
    const row = await database.db.selectFrom('outbox').select(['attempts', 'last_error']).where('aggregateid', '=', String(created.articleId)).where('type', 'like', '%published%').executeTakeFirstOrThrow();
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(row.last_error).not.toBeNull();
    // The sweep's send is in the sweep's own trace, linked to the span that wrote the event.
    const send = await waitFor(() => receiver.spans.find((span) => span.service === 'events-sweep-outbox' && span.name === 'kafka send' && span.links.includes(created.traceId)));
    expect(send.traceId).not.toBe(created.traceId);
    const gauge = await waitFor(() => receiver.points.find((point) => point.service === 'events-sweep-outbox' && point.metric === metricCatalog.outboxBacklog.name));
    expect(gauge.value).toBeGreaterThanOrEqual(0);
  });
});

async function backlogOf(database: TestDatabase): Promise<number> {
  const row = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('rows')).where('published_at', 'is', null).executeTakeFirst();
  return Number(row?.rows ?? 0);
}

/** Polls (every 100 ms) until `find` answers something, or fails after `timeoutMs`. */
async function waitFor<T>(find: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
