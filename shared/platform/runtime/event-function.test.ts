import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRecorded } from '../../events/testing/probe-event.ts';
import { createLogger } from '../logging/logger.ts';
import { KAFKA_RECORD_TYPE } from './cloud-event-intake.ts';
import { done, registerEventFunction } from './event-function.ts';
import { registeredListener } from './register-function.ts';
import { defaultResources, defaultScaling, type EventTrigger, type FunctionManifest } from './manifest.ts';

const manifest: FunctionManifest<EventTrigger> = {
  name: 'runtime-intake-probe',
  description: 'a probe of the event intake',
  trigger: { kind: 'events', topic: probeRecorded.topic, types: [probeRecorded.type] },
  scaling: defaultScaling,
  resources: defaultResources,
  settings: {},
};

const attributes = { 'ce-specversion': '1.0', 'ce-id': 'e-1', 'ce-type': probeRecorded.type, 'ce-source': '/pilog/testing', 'content-type': 'application/json' };
const { 'ce-type': _type, ...withoutType } = attributes;
const { 'ce-specversion': _specversion, ...withoutSpecVersion } = attributes;
const data = JSON.stringify({ probeId: 'p-1', note: 'n' });

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
    registerEventFunction(manifest, async (event) => (handled.push(event.id), done), { logger: createLogger({ sink: { write: () => {} } }) });
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
