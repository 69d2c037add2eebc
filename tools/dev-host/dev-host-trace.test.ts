import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL } from '../../functions/testing/platform-env.ts';
import { eventually } from '../../shared/platform/testing/eventually.ts';
import { startTestPlatform, type WholePlatform } from '../../functions/testing/test-platform.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { openTelemetry, type Telemetry } from '../../shared/platform/telemetry/telemetry.ts';
import { startOtlpReceiver, traceTree } from '../../shared/platform/telemetry/testing/otlp-receiver.ts';

/**
 * `npm start` with PILOG_TELEMETRY=on: the embedded profile's in-process delivery (the outbox feed) carries the
 * outbox row's traceparent to the event function exactly as Kafka and the KafkaSource do in the cluster.
 */
describe('dev host, embedded profile, telemetry on', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let telemetry: Telemetry;
  let blog: WholePlatform;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    telemetry = await openTelemetry({ telemetry: 'on', otlpEndpoint: receiver.endpoint, metricExportIntervalMs: 60_000 }, 'pilog-dev-host', createLogger());
    blog = await startTestPlatform('embedded');
  });
  afterAll(async () => {
    await blog.close();
    await telemetry.shutdown();
    await receiver.close();
  });

  it('makes a publish and its indexing one trace', async () => {
    const admin = await blog.signIn(ADMIN_EMAIL);
    const { body } = await admin.json<{ articleId: number }>('POST', '/api/v1/articles');
    await admin.json('PUT', `/api/v1/articles/${body.articleId}/draft`, { title: 'Traced locally', contents: 'one trace', thumbnailUrl: 'https://github.com/x.png' });
    expect((await admin.json('PATCH', `/api/v1/articles/${body.articleId}`, { asIsStatus: 'DRAFT', toBeStatus: 'PUBLISHED' })).status).toBe(200);
    const publishSpan = () => receiver.spans.find((span) => span.name === 'PATCH /api/v1/articles/{articleId}');
    const indexed = () =>
      receiver.spans.find((span) => span.traceId === publishSpan()?.traceId && span.name === 'search-index-articles pilog.blog.article.published.v1');
    expect(await eventually(async () => indexed() !== undefined, 30_000)).toBe(true);
    const traceId = publishSpan()?.traceId as string;
    console.log(`trace ${traceId} (dev host, embedded)\n${traceTree(receiver.spans, traceId)}`);
    expect(indexed()?.attributes['pilog.outcome']).toBe('handled');
  });
});
