import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRecorded } from '../../events/testing/probe-event.ts';
import { createLogger } from '../logging/logger.ts';
import { KAFKA_RECORD_TYPE } from './cloud-event-intake.ts';
import { done, registerEventFunction, type DeliveredEvent } from './event-function.ts';
import { registeredListener } from './register-function.ts';
import { startLoopbackServer, type LoopbackServer } from './testing/loopback-server.ts';
import { probeHandler, probeManifest } from './testing/probe-function.ts';

const manifest = probeManifest('runtime-intake-probe');

const attributes = {
  'ce-specversion': '1.0',
  'ce-id': 'e-1',
  'ce-type': probeRecorded.type,
  'ce-source': '/pilog/testing',
  'ce-aggregateversion': '1',
  'content-type': 'application/json',
};
const { 'ce-type': _type, ...withoutType } = attributes;
const { 'ce-specversion': _specversion, ...withoutSpecVersion } = attributes;
const data = JSON.stringify({ probeId: 'p-1', note: 'n' });
const quiet = createLogger({ sink: { write: () => {} } });

/** Every kind of delivery that is not a CloudEvent 1.0 this function could act on: each must answer 400. */
const notCloudEvents: ReadonlyArray<[string, Record<string, string>, string | Buffer]> = [
  ['invalid JSON data', attributes, '{"probeId": '],
  ['binary garbage', attributes, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x80])],
  ['no ce- headers at all', { 'content-type': 'application/json' }, data],
  ['spec version 0.1', { ...attributes, 'ce-specversion': '0.1' }, data],
  ['no spec version', withoutSpecVersion, data],
  ['no type', withoutType, data],
  ['structured mode, spec version 0.3', { 'content-type': 'application/cloudevents+json' }, JSON.stringify({ specversion: '0.3', id: 'e-2', type: probeRecorded.type, source: '/s', data: {} })],
  ['a Kafka record the KafkaSource wrapped', { ...attributes, 'ce-type': KAFKA_RECORD_TYPE, 'ce-source': '/apis/v1/namespaces/pilog/kafkasources/x#t', 'content-type': 'application/octet-stream' }, 'garbage'],
  ['a batch', { 'content-type': 'application/cloudevents-batch+json' }, '[]'],
];

describe('an event function’s intake', () => {
  let server: Server;
  let url: string;
  const handled: string[] = [];
  beforeAll(async () => {
    registerEventFunction(manifest, [probeRecorded], async (event) => (handled.push(event.id), done), { logger: quiet });
    server = createServer(registeredListener(manifest.name)).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('takes a binary-mode CloudEvent 1.0 of its types and acknowledges other types of its topic', async () => {
    expect((await fetch(url, { method: 'POST', headers: attributes, body: data })).status).toBe(200);
    expect((await fetch(url, { method: 'POST', headers: { ...attributes, 'ce-id': 'e-other', 'ce-type': 'pilog.testing.probe.other.v1' }, body: data })).status).toBe(200);
    expect(handled).toEqual(['e-1']);
  });

  it.each(notCloudEvents)('rejects %s with 400, so the source dead-letters it instead of retrying', async (_case, headers, body) => {
    const before = handled.length;
    const response = await fetch(url, { method: 'POST', headers, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'reject', reason: expect.stringMatching(/CloudEvent/) });
    expect(handled).toHaveLength(before);
  });

  it('says why, when the event itself is what is wrong', async () => {
    const response = await fetch(url, { method: 'POST', headers: { ...attributes, 'ce-specversion': '0.1' }, body: data });
    expect(await response.json()).toEqual({ status: 'reject', reason: 'not a CloudEvent 1.0: specversion "0.1"' });
  });
});

describe('an event function’s handler', () => {
  const decodingManifest = probeManifest('runtime-decoding-probe');
  let server: LoopbackServer;
  const received: Array<DeliveredEvent<typeof probeRecorded>> = [];
  beforeAll(async () => {
    registerEventFunction(
      decodingManifest,
      [probeRecorded],
      async (event) => {
        received.push(event);
        return probeHandler(event);
      },
      { logger: quiet },
    );
    server = await startLoopbackServer();
    server.serve(registeredListener(decodingManifest.name));
  });
  afterAll(() => server.close());

  const deliver = (note: unknown, headers: Record<string, string> = attributes) =>
    fetch(server.base, { method: 'POST', headers, body: JSON.stringify({ probeId: 'p-9', note }) });

  it('receives the event decoded once: its definition, checked data, aggregate version, id and time', async () => {
    received.length = 0;
    const response = await deliver('n', { ...attributes, 'ce-id': 'e-9', 'ce-aggregateversion': '7', 'ce-time': '2026-01-02T03:04:05.000Z' });
    expect(response.status).toBe(200);
    expect(received).toEqual([{ definition: probeRecorded, data: { probeId: 'p-9', note: 'n' }, aggregateVersion: 7, id: 'e-9', time: '2026-01-02T03:04:05.000Z' }]);
  });

  it.each([
    ['data that breaks the schema', 42, attributes, /data\.note/],
    ['no aggregate version', 'n', Object.fromEntries(Object.entries(attributes).filter(([name]) => name !== 'ce-aggregateversion')), /aggregateversion/],
  ])('rejects %s with 400 without calling the handler', async (_case, note, headers, reason) => {
    received.length = 0;
    const response = await deliver(note, headers);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status: 'reject', reason: expect.stringMatching(reason) });
    expect(received).toEqual([]);
  });

  it('answers retry (503) when a dependency the handler needs cannot answer, saying which', async () => {
    const response = await deliver('store down');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'retry', reason: 'the probe store cannot answer' });
  });

  it('answers retry (503) for any other thrown error, without showing it', async () => {
    const response = await deliver('bug');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'retry', reason: 'unexpected failure' });
  });

  it('refuses to register definitions that are not the manifest’s event types', () => {
    const other = { ...probeRecorded, type: 'pilog.testing.probe.other.v1' };
    expect(() => registerEventFunction({ ...manifest, name: 'runtime-mismatch-probe' }, [probeRecorded, other], async () => done, { logger: quiet })).toThrow(
      /decodes .* but its manifest takes/,
    );
  });
});
