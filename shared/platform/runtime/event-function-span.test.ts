import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRecorded } from '../../events/testing/probe-event.ts';
import { createLogger } from '../logging/logger.ts';
import { openTelemetry, type Telemetry } from '../telemetry/telemetry.ts';
import { startOtlpReceiver } from '../telemetry/testing/otlp-receiver.ts';
import { registerEventFunction } from './event-function.ts';
import { registeredListener } from './register-function.ts';
import { startLoopbackServer, type LoopbackServer } from './testing/loopback-server.ts';
import { probeHandler, probeManifest } from './testing/probe-function.ts';

const manifest = probeManifest('runtime-span-probe');

const quiet = createLogger({ sink: { write: () => {} } });

/** Telemetry opened in this process (a test file runs in a worker of its own), exporting to a receiver here. */
describe('an event function’s consumer span, telemetry on', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let telemetry: Telemetry;
  let server: LoopbackServer;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    telemetry = await openTelemetry({ telemetry: 'on', otlpEndpoint: receiver.endpoint, metricExportIntervalMs: 60_000 }, 'event-span-test', quiet);
    registerEventFunction(
      manifest,
      [probeRecorded],
      probeHandler,
      { logger: quiet },
    );
    server = await startLoopbackServer();
    server.serve(registeredListener(manifest.name));
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  const deliver = (id: string, note: string) =>
    fetch(server.base, {
      method: 'POST',
      headers: { 'ce-specversion': '1.0', 'ce-id': id, 'ce-type': probeRecorded.type, 'ce-source': '/pilog/testing', 'ce-aggregateversion': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ probeId: 'p-1', note }),
    });

  it('carries the outcome of a delivery whose handler threw (retried), as of one that returned', async () => {
    expect((await deliver('e-unavailable', 'store down')).status).toBe(503);
    expect((await deliver('e-bug', 'bug')).status).toBe(503);
    expect((await deliver('e-handled', 'n')).status).toBe(200);
    await telemetry.shutdown(); // flushes the spans and the metrics
    const outcomeOf = (eventId: string) => {
      const span = receiver.spans.find((candidate) => candidate.attributes['cloudevents.event_id'] === eventId);
      return { name: span?.name, outcome: span?.attributes['pilog.outcome'] };
    };
    const name = `${manifest.name} ${probeRecorded.type}`;
    expect([outcomeOf('e-unavailable'), outcomeOf('e-bug'), outcomeOf('e-handled')]).toEqual([
      { name, outcome: 'retried' },
      { name, outcome: 'retried' },
      { name, outcome: 'handled' },
    ]);
    const deliveries = (outcome: string) =>
      receiver.points.find((point) => point.attributes['pilog.consumer'] === manifest.name && point.attributes['pilog.outcome'] === outcome)?.value;
    expect([deliveries('retried'), deliveries('handled')]).toEqual([2, 1]);
  });
});
