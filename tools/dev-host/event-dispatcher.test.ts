import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudEvent } from 'cloudevents';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { createEventDispatcher } from './event-dispatcher.ts';

const quiet = createLogger({ sink: { write: () => {} } });
const policy = { retries: 3, backoffDelayMs: 5 };
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A sink that answers each request with the next status of its script, recording what it received. */
async function scriptedSink(statusFor: (id: string, attempt: number) => number) {
  const received: Array<{ id: string; headers: Record<string, unknown>; body: string; at: number }> = [];
  const attempts = new Map<string, number>();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const id = String(req.headers['ce-id']);
      const attempt = attempts.get(id) ?? 0;
      attempts.set(id, attempt + 1);
      received.push({ id, headers: req.headers, body, at: performance.now() });
      const status = statusFor(id, attempt);
      // Slow the first event of a key down, so a reordering dispatcher would be caught.
      setTimeout(() => res.writeHead(status).end(), id.endsWith('-1') ? 30 : 0);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { received, url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/` };
}

const event = (id: string, key: string) =>
  new CloudEvent({ id, type: 'pilog.test.happened.v1', source: '/test', subject: key, partitionkey: key, datacontenttype: 'application/json', data: { id } });

describe('KafkaSource-style event delivery', () => {
  it('posts binary-mode CloudEvents and keeps each key in order', async () => {
    const sink = await scriptedSink(() => 200);
    const deadLetters: string[] = [];
    const dispatcher = createEventDispatcher({ sink: sink.url, policy, logger: quiet, deadLetter: async (e) => void deadLetters.push(e.id) });
    const outcomes = await Promise.all([event('a-1', 'a'), event('b-1', 'b'), event('a-2', 'a'), event('a-3', 'a')].map((e) => dispatcher.deliver(e)));
    expect(outcomes).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect(sink.received.filter((r) => r.id.startsWith('a-')).map((r) => r.id)).toEqual(['a-1', 'a-2', 'a-3']);
    const first = sink.received[0]!;
    expect(first.headers['ce-specversion']).toBe('1.0');
    expect(first.headers['ce-type']).toBe('pilog.test.happened.v1');
    expect(first.headers['ce-partitionkey']).toBeDefined();
    expect(JSON.parse(first.body)).toHaveProperty('id');
    expect(deadLetters).toEqual([]);
  });

  it('retries 5xx and 429 with growing delays, then succeeds', async () => {
    const sink = await scriptedSink((_id, attempt) => [503, 429, 200][attempt] ?? 200);
    const dispatcher = createEventDispatcher({ sink: sink.url, policy, logger: quiet, deadLetter: async () => {} });
    expect(await dispatcher.deliver(event('r-0', 'r'))).toBe('delivered');
    expect(sink.received).toHaveLength(3);
    // Lower bounds only: a loaded machine can stretch a delay, never shorten it.
    const gaps = sink.received.slice(1).map((r, i) => r.at - sink.received[i]!.at);
    expect(gaps[0]!).toBeGreaterThanOrEqual(policy.backoffDelayMs - 1);
    expect(gaps[1]!).toBeGreaterThanOrEqual(policy.backoffDelayMs * 2 - 1);
  });

  it('dead-letters a 400 at once and a 5xx after the retries run out, without blocking the key', async () => {
    const sink = await scriptedSink((id) => (id === 'x-0' ? 400 : id === 'x-1' ? 500 : 200));
    const deadLetters: Array<[string, string]> = [];
    const dispatcher = createEventDispatcher({ sink: sink.url, policy, logger: quiet, deadLetter: async (e, { reason }) => void deadLetters.push([e.id, reason]) });
    const outcomes = await Promise.all(['x-0', 'x-1', 'x-2'].map((id) => dispatcher.deliver(event(id, 'x'))));
    expect(outcomes).toEqual(['dead-lettered', 'dead-lettered', 'delivered']);
    expect(deadLetters).toEqual([
      ['x-0', 'answered 400'],
      ['x-1', 'still 500 after 3 retries'],
    ]);
    expect(sink.received.filter((r) => r.id === 'x-1')).toHaveLength(4);
  });
});
