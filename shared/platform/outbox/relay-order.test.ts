import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRecorded } from '../../events/testing/probe-event.ts';
import { systemClock } from '../../kernel/clock.ts';
import type { DatabaseHandle } from '../database/database.ts';
import { openTestDatabase } from '../database/testing/test-databases.ts';
import { createLogger } from '../logging/logger.ts';
import { createKafkaPublisher } from '../messaging/event-publisher.kafka.ts';
import type { EventPublisher } from '../messaging/event-publisher.port.ts';
import { consumeUntil, createTopic, headerText, testKafkaBrokers, type ConsumedMessage } from '../messaging/testing/test-kafka.ts';
import { createOutboxRelay } from './relay-outbox.ts';
import { appendCommitted, probe, stampsAt } from './testing/outbox-fixtures.ts';

const AGGREGATES = 4;
const VERSIONS = 60;

/**
 * Writes answer before their events are published (the fast path runs in the background), so a quick run of
 * writes to one aggregate has several publishes under way at once. Kafka must still receive each aggregate's
 * events in the order they were committed: consumers are promised per-key order. (Seen in CI: a memo's
 * `deleted` v5 reached Kafka before its `updated` v4.)
 */
describe('the outbox fast path keeps commit order per aggregate (MariaDB, Kafka)', () => {
  let database: DatabaseHandle;
  let publisher: EventPublisher;

  beforeAll(async () => {
    database = await openTestDatabase('mysql');
    await createTopic(testKafkaBrokers(), probeRecorded.topic);
    publisher = createKafkaPublisher({ brokers: testKafkaBrokers(), clientId: 'pilog-relay-order-test', logger: createLogger({ level: 'error' }) });
  });
  afterAll(async () => {
    await publisher?.close();
    await database?.close();
  });

  it('publishes back-to-back writes of several aggregates in commit order', async () => {
    const relay = createOutboxRelay({ db: database.db, publisher, clock: systemClock, logger: createLogger({ level: 'error' }) });
    const run = `order-${Date.now()}`;
    const writes = [];
    for (let version = 1; version <= VERSIONS; version++) {
      for (let aggregate = 0; aggregate < AGGREGATES; aggregate++) writes.push(await appendCommitted(database.db, [probe(`${run}-${aggregate}`, version)], stampsAt(systemClock)));
    }
    // As many requests finishing together do: each hands its committed events over, none waits for the broker.
    for (const events of writes) relay.publishAfterCommit(events);
    await relay.drain();

    const mine = (messages: readonly ConsumedMessage[]) => messages.filter((message) => message.key?.toString().startsWith(run));
    const messages = mine(await consumeUntil(testKafkaBrokers(), probeRecorded.topic, (all) => mine(all).length >= AGGREGATES * VERSIONS));
    expect(messages).toHaveLength(AGGREGATES * VERSIONS);
    for (let aggregate = 0; aggregate < AGGREGATES; aggregate++) {
      const versions = messages.filter((message) => message.key?.toString() === `${run}-${aggregate}`).map((message) => Number(headerText(message, 'ce_aggregateversion')));
      expect(versions).toEqual(Array.from({ length: VERSIONS }, (_, index) => index + 1));
    }
  });
});
