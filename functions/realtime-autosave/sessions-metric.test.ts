import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricCatalog } from '../../shared/platform/telemetry/metric-catalog.ts';
import { startOtlpReceiver } from '../../shared/platform/telemetry/testing/otlp-receiver.ts';
import { openEditor } from './testing/editor.ts';
import { ORIGIN, startRealtimeProcess, type RealtimeProcess } from './testing/realtime-process.ts';

/**
 * `pilog.realtime.sessions` as the collector receives it: the function runs as its own process with telemetry on,
 * exporting OTLP/HTTP to a receiver in this test every 200 ms, and real SockJS/STOMP editors open and close sessions.
 */
describe('realtime sessions metric', { timeout: 60_000 }, () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let realtime: RealtimeProcess;
  const open = async (userId: number, transport: 'websocket' | 'xhr-streaming') =>
    openEditor(realtime.base, { cookie: await realtime.cookieFor(userId), origin: ORIGIN, transport });

  /** Waits until the function's latest export of the sessions counter, after `since` points, reads `expected`. */
  const exportedSessions = async (expected: number, since: number): Promise<number | undefined> => {
    const deadline = Date.now() + 15_000;
    let latest: number | undefined;
    while (Date.now() < deadline) {
      latest = receiver.points.slice(since).filter((point) => point.service === 'realtime-autosave' && point.metric === metricCatalog.realtimeSessions.name).at(-1)?.value;
      if (latest === expected) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return latest;
  };

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    realtime = await startRealtimeProcess({ PILOG_TELEMETRY: 'on', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_METRIC_EXPORT_INTERVAL: '200' });
  }, 60_000);

  afterAll(async () => {
    realtime?.stop();
    await receiver?.close();
  });

  it('goes up with each open editor, whatever its transport, and back down to 0 as they close', async () => {
    const websocket = await open(1, 'websocket');
    const streaming = await open(2, 'xhr-streaming');
    expect(await exportedSessions(2, 0)).toBe(2);

    let since = receiver.points.length;
    await websocket.close();
    expect(await exportedSessions(1, since)).toBe(1);

    since = receiver.points.length;
    await streaming.close();
    expect(await exportedSessions(0, since)).toBe(0);
  });

  it('counts a session whose socket drops without a STOMP DISCONNECT as closed', async () => {
    const editor = await open(3, 'websocket');
    expect(await exportedSessions(1, receiver.points.length)).toBe(1);
    const since = receiver.points.length;
    editor.client.forceDisconnect();
    await editor.closed();
    expect(await exportedSessions(0, since)).toBe(0);
  });
});
