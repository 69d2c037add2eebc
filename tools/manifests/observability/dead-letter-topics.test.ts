import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudEvent } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterTopicOf } from '../../../shared/events/event-definition.ts';
import { createLogger } from '../../../shared/platform/logging/logger.ts';
import { openEventPublisher } from '../../../shared/platform/messaging/open-event-publisher.ts';
import type { EventPublisher } from '../../../shared/platform/messaging/event-publisher.port.ts';
import { consumeUntil, createTopic, testKafkaBrokers } from '../../../shared/platform/messaging/testing/test-kafka.ts';
import { kafkaDeadLetterSink } from '../../dev-host/dead-letters.ts';
import { createEventDispatcher } from '../../dev-host/event-dispatcher.ts';
import { deadLetterTopics } from './dead-letters.ts';

const quiet = createLogger({ sink: { write: () => {} } });

/**
 * What `PilogDeadLetter` counts, with real parts: events delivered over HTTP, KafkaSource-style (the dev host's
 * dispatcher, same retry rules), to a function that refuses one (400) and is unavailable for another (503 every
 * time), land on the consumer's dead-letter topic in real Kafka — both of them, although pilog's own counter could
 * only ever see the refusal. The topic's messages are what the Kafka exporter's high watermarks count.
 */
describe('dead letters on the dead-letter topic', { timeout: 60_000 }, () => {
  const consumer = `dl-metric-${randomBytes(4).toString('hex')}`;
  const topic = deadLetterTopicOf(consumer);
  const attempts = new Map<string, number>();
  let server: Server;
  let sink = '';
  let publisher: EventPublisher;

  beforeAll(async () => {
    await createTopic(testKafkaBrokers(), topic);
    publisher = await openEventPublisher({ profile: 'services', kafkaBrokers: testKafkaBrokers().join(',') }, { clientId: 'pilog-test', logger: quiet });
    server = createServer((req, res) => {
      const id = String(req.headers['ce-id']);
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
      req.resume().on('end', () => res.writeHead(id.startsWith('refused') ? 400 : 503).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sink = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 30_000);

  afterAll(async () => {
    await publisher?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('holds one message per dead letter, refused or out of retries, on the topic the alert maps to its consumer', async () => {
    const dispatcher = createEventDispatcher({ sink, policy: { retries: 2, backoffDelayMs: 5 }, logger: quiet, deadLetter: kafkaDeadLetterSink(publisher, consumer) });
    const event = (id: string) => new CloudEvent({ id, type: 'pilog.test.happened.v1', source: '/test', subject: id, datacontenttype: 'application/json', data: { id } });
    expect(await dispatcher.deliver(event('refused-1'))).toBe('dead-lettered');
    expect(await dispatcher.deliver(event('unavailable-1'))).toBe('dead-lettered');
    expect(attempts.get('refused-1')).toBe(1);
    expect(attempts.get('unavailable-1')).toBe(3);

    const messages = await consumeUntil(testKafkaBrokers(), topic, (all) => all.length >= 2, 20_000);
    expect(messages.map((message) => message.headers['ce_id']?.toString()).sort()).toEqual(['refused-1', 'unavailable-1']);
    expect(topic.match(new RegExp(`^${deadLetterTopics}$`))?.[1]).toBe(consumer);
  });
});
