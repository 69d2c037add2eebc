import { randomUUID } from 'node:crypto';
import { Kafka as KafkaBinding } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { createKafkaPublisher } from './event-publisher.kafka.ts';
import type { EventPublisher, OutgoingEvent } from './event-publisher.port.ts';
import { consumeUntil, createTopic, headerText, testKafkaBrokers, type ConsumedMessage } from './testing/test-kafka.ts';

const quietLogger = createLogger({ level: 'error' });

describe('the Kafka publisher', () => {
  const brokers = testKafkaBrokers();
  const topic = `pilog.testing.smoke-${randomUUID()}`;
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  const event = (id: string, key: string, version: number): OutgoingEvent => ({
    id,
    type: 'pilog.testing.probe.recorded.v1',
    source: '/pilog/testing',
    topic,
    key,
    time: '2026-01-02T03:04:05.678Z',
    data: { probeId: key, note: `버전 ${version}` },
    extensions: { aggregateversion: String(version), traceparent },
  });
  const events = [event('101', 'article-1', 1), event('102', 'article-2', 1), event('103', 'article-1', 2), event('104', 'article-1', 3)];
  let publisher: EventPublisher;
  let messages: ConsumedMessage[];

  beforeAll(async () => {
    await createTopic(brokers, topic);
    publisher = createKafkaPublisher({ brokers, clientId: 'pilog-smoke-test', logger: quietLogger });
    await publisher.publish(events);
    messages = await consumeUntil(brokers, topic, (consumed) => consumed.length >= events.length);
  });
  afterAll(() => publisher.close());

  it('delivers every event once, keyed by its aggregate id', () => {
    expect(messages.map((message) => headerText(message, 'ce_id')).sort()).toEqual(['101', '102', '103', '104']);
    for (const message of messages) {
      const sent = events.find((candidate) => candidate.id === headerText(message, 'ce_id'));
      expect(message.key?.toString()).toBe(sent?.key);
    }
  });

  it('sends CloudEvents in binary mode: attributes as ce_ headers, data as the JSON value', () => {
    const message = messages.find((candidate) => headerText(candidate, 'ce_id') === '103');
    const headers = Object.fromEntries(Object.entries(message?.headers ?? {}).map(([name, value]) => [name, value?.toString()]));
    expect(headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: '103',
      ce_type: 'pilog.testing.probe.recorded.v1',
      ce_source: '/pilog/testing',
      ce_time: '2026-01-02T03:04:05.678Z',
      ce_subject: 'article-1',
      ce_aggregateversion: '2',
      ce_traceparent: traceparent,
    });
    expect(JSON.parse(message?.value?.toString() ?? '')).toEqual({ probeId: 'article-1', note: '버전 2' });
    expect(message?.timestamp).toBe(String(Date.parse('2026-01-02T03:04:05.678Z')));
  });

  it('keeps one aggregate’s events on one partition, in order', () => {
    const ofArticle1 = messages.filter((message) => message.key?.toString() === 'article-1');
    expect(new Set(ofArticle1.map((message) => message.partition)).size).toBe(1);
    expect(ofArticle1.map((message) => headerText(message, 'ce_aggregateversion'))).toEqual(['1', '2', '3']);
  });

  it('writes messages the CloudEvents SDK reads back as the same event', () => {
    const message = messages.find((candidate) => headerText(candidate, 'ce_id') === '101');
    const headers = Object.fromEntries(Object.entries(message?.headers ?? {}).map(([name, value]) => [name, value?.toString() ?? '']));
    // The SDK reads key, value and timestamp besides what its Message type declares.
    const received = { key: message?.key?.toString() ?? '', value: message?.value ?? null, headers, body: undefined, timestamp: message?.timestamp };
    const decoded = KafkaBinding.toEvent(received);
    expect(decoded).toMatchObject({
      specversion: '1.0',
      id: '101',
      type: 'pilog.testing.probe.recorded.v1',
      source: '/pilog/testing',
      subject: 'article-1',
      time: '2026-01-02T03:04:05.678Z',
      datacontenttype: 'application/json',
      partitionkey: 'article-1',
      aggregateversion: '1',
      traceparent,
      data: { probeId: 'article-1', note: '버전 1' },
    });
  });

  it('gives up within seconds when no broker answers, instead of hanging the request', async () => {
    const nowhere = createKafkaPublisher({ brokers: ['127.0.0.1:1'], clientId: 'pilog-smoke-test', logger: quietLogger });
    const started = performance.now();
    await expect(nowhere.publish([event('201', 'article-9', 1)])).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5000);
    await nowhere.close();
  });

  it('places keys on the partitions Java’s partitioner picks (murmur2, made positive, modulo the partitions)', async () => {
    // Utils.murmur2 of kafka-clients 3.9.1 for these keys (the vectors of Kafka's own UtilsTest, plus pilog-like keys).
    const javaMurmur2: Record<string, number> = {
      '21': -973932308,
      foobar: -790332482,
      'a-little-bit-long-string': -985981536,
      'a-little-bit-longer-string': -1486304829,
      lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8: -58897971,
      abc: 479470107,
      '12345': -1188365604,
      'article-1': -1976428980,
      '게시글-42': -580665319,
    };
    const partitions = 7;
    const keyed = `pilog.testing.partitioner-${randomUUID()}`;
    await createTopic(brokers, keyed, partitions);
    const keys = Object.keys(javaMurmur2);
    await publisher.publish(keys.map((key, index) => ({ ...event(String(300 + index), key, 1), topic: keyed })));
    const placed = await consumeUntil(brokers, keyed, (consumed) => consumed.length >= keys.length);
    const partitionOf = Object.fromEntries(placed.map((message) => [message.key?.toString() ?? '', message.partition]));
    expect(partitionOf).toEqual(Object.fromEntries(keys.map((key) => [key, ((javaMurmur2[key] as number) & 0x7fffffff) % partitions])));
  });
});
