import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../cache/open-cache.ts';
import { createLogger } from '../logging/logger.ts';
import { metricCatalog } from './metric-catalog.ts';
import { activeTraceContext, inSpan, openTelemetry, telemetryOn, type Telemetry } from './telemetry.ts';
import { startOtlpReceiver } from './testing/otlp-receiver.ts';

/** Telemetry opened in this process (a test file runs in a worker of its own), exporting to a receiver here. */
describe('telemetry on', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let telemetry: Telemetry;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    expect(telemetryOn()).toBe(false);
    telemetry = await openTelemetry({ telemetry: 'on', otlpEndpoint: receiver.endpoint, metricExportIntervalMs: 60_000 }, 'telemetry-test', createLogger());
  });
  afterAll(async () => receiver.close());

  it('writes the active span’s ids on log lines inside it, none outside, the traceparent events carry, and cache lookups', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ sink: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } });
    logger.info('outside');
    const traceparent = await inSpan('work', {}, async () => {
      logger.info('inside');
      return activeTraceContext().traceparent;
    });
    expect(activeTraceContext()).toEqual({});
    const { cache } = await openCache({ profile: 'embedded', redisUrl: '' }, 'telemetry-test', logger);
    await cache.get('absent');
    await cache.set('present', 1, 60);
    await cache.get('present');
    await cache.get('present');
    await telemetry.shutdown(); // flushes the span and the metrics
    const [span] = receiver.spans;
    expect(span?.name).toBe('work');
    expect(span?.service).toBe('telemetry-test');
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({ message: 'inside', trace_id: span?.traceId, span_id: span?.spanId });
    expect(traceparent).toBe(`00-${span?.traceId}-${span?.spanId}-01`);
    const lookups = (result: string) =>
      receiver.points.find((point) => point.metric === metricCatalog.cacheLookups.name && point.attributes['pilog.cache.result'] === result)?.value;
    expect([lookups('hit'), lookups('miss')]).toEqual([2, 1]);
  });
});
