import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRecorded } from '../../shared/events/testing/probe-event.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { KAFKA_RECORD_TYPE } from '../../shared/platform/runtime/cloud-event-intake.ts';
import { done, registerEventFunction } from '../../shared/platform/runtime/event-function.ts';
import { defaultResources, defaultScaling } from '../../shared/platform/runtime/manifest.ts';
import { registeredListener } from '../../shared/platform/runtime/register-function.ts';
import { createEventDispatcher, type DeadLetterFailure } from './event-dispatcher.ts';
import { cloudEventOfKafkaRecord, type KafkaRecord } from './kafka-records.ts';

const quiet = createLogger({ sink: { write: () => {} } });
const functionName = 'strict-intake-probe';
const topic = probeRecorded.topic;
const ce = { ce_specversion: '1.0', ce_id: 'e-1', ce_type: probeRecorded.type, ce_source: '/pilog/testing', ce_aggregateversion: '1' } as const;
const valid = JSON.stringify({ probeId: 'p-1', note: 'n' });

let offset = 0;
const record = (headers: Record<string, string>, value: string | null, key: string | null = 'p-1'): KafkaRecord => ({
  topic,
  partition: 1,
  offset: String(offset++),
  key,
  value,
  headers: Object.entries(headers),
});
const without = (name: keyof typeof ce): Record<string, string> => Object.fromEntries(Object.entries(ce).filter(([header]) => header !== name));

/** Records on a topic that are not CloudEvents 1.0 an event function could act on: each must reach the dead letters. */
const notCloudEvents: ReadonlyArray<[string, KafkaRecord]> = [
  ['invalid JSON', record(ce, '{"probeId": ')],
  ['binary garbage', record(ce, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x80]).toString('latin1'))],
  ['no ce_ headers', record({}, valid)],
  ['ce_specversion 0.1', record({ ...ce, ce_specversion: '0.1' }, valid)],
  ['no ce_type', record(without('ce_type'), valid)],
  ['no ce_id', record(without('ce_id'), valid)],
  ['no ce_source', record(without('ce_source'), valid)],
];

/**
 * The dev host's intake of Kafka records, end to end but for the broker: a record becomes what the KafkaSource
 * POSTs, the dispatcher delivers it with the cluster's delivery policy to an event function's real HTTP intake,
 * and what the function refuses goes to the dead letters with Knative's error extensions.
 */
describe('the dev host takes only CloudEvents 1.0 from Kafka, as the cluster does', () => {
  let server: Server;
  let sink: string;
  const handled: string[] = [];
  const deadLetters: Array<{ type: string; failure: DeadLetterFailure }> = [];
  beforeAll(async () => {
    const manifest = { name: functionName, description: 'probe', trigger: { kind: 'events', topic, types: [probeRecorded.type] }, scaling: defaultScaling, resources: defaultResources, settings: {} } as const;
    registerEventFunction(manifest, [probeRecorded], async (event) => (handled.push(event.id), done), { logger: quiet });
    server = createServer(registeredListener(functionName)).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    sink = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const deliver = (kafkaRecord: KafkaRecord) =>
    createEventDispatcher({ sink, logger: quiet, deadLetter: async (event, failure) => void deadLetters.push({ type: event.type, failure }) }).deliver(
      cloudEventOfKafkaRecord(kafkaRecord, functionName),
    );

  it('delivers a binary-mode CloudEvent 1.0 record', async () => {
    expect(await deliver(record(ce, valid))).toBe('delivered');
    expect(handled).toEqual(['e-1']);
  });

  it.each(notCloudEvents)('dead-letters a record with %s at once, with the Knative error extensions', async (_case, kafkaRecord) => {
    deadLetters.length = 0;
    expect(await deliver(kafkaRecord)).toBe('dead-lettered');
    expect(handled).toEqual(['e-1']);
    const [deadLetter] = deadLetters;
    expect(deadLetter?.failure.reason).toBe('answered 400');
    expect(deadLetter?.failure.extensions).toMatchObject({ knativeerrordest: sink, knativeerrorcode: '400' });
    const answer = JSON.parse(Buffer.from(deadLetter!.failure.extensions.knativeerrordata, 'base64').toString('utf8')) as { reason: string };
    expect(answer.reason).toMatch(/CloudEvent/);
  });

  it('wraps a record without ce_ headers as Knative does', () => {
    const wrapped = cloudEventOfKafkaRecord({ ...record({}, 'hello', 'k-1'), offset: '42' }, functionName);
    expect(wrapped).toMatchObject({
      specversion: '1.0',
      type: KAFKA_RECORD_TYPE,
      id: 'partition:1/offset:42',
      subject: 'partition:1#42',
      source: `/apis/v1/namespaces/pilog/kafkasources/${functionName}#${topic}`,
      key: 'k-1',
      data: 'hello',
    });
  });
});
