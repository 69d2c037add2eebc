import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock.ts';
import { probeRecorded } from '../../events/testing/probe-event.ts';
import type { DatabaseHandle } from '../database/database.ts';
import { openTestDatabase } from '../database/testing/test-databases.ts';
import { createLogger } from '../logging/logger.ts';
import { createKafkaPublisher, PUBLISH_DEADLINE_MS } from '../messaging/event-publisher.kafka.ts';
import type { EventPublisher, OutgoingEvent } from '../messaging/event-publisher.port.ts';
import { startStoppableKafka, type StoppableKafka } from '../messaging/testing/stoppable-kafka.ts';
import { consumeUntil, createTopic, headerText } from '../messaging/testing/test-kafka.ts';
import { appendToOutbox } from './append-to-outbox.ts';
import { createOutboxRelay, type OutboxRelay } from './relay-outbox.ts';
import { sweepOutbox, type SweepOutcome } from './sweep-outbox.ts';
import { probe, stampsAt } from './testing/outbox-fixtures.ts';

const EVENTS = 40;
const AGGREGATES = 5;

/** A table standing in for a context's state, changed in the same transaction as the events. */
interface ProbeStateTable {
  probe_id: string;
  version: number;
}

describe('the outbox across a real Kafka outage (MariaDB and Kafka)', () => {
  let kafka: StoppableKafka;
  let database: DatabaseHandle;
  let publisher: EventPublisher;
  let relay: OutboxRelay;
  const logLines: string[] = [];
  const state = () => database.db.withTables<{ probe_state: ProbeStateTable }>();

  /** A use case: change state and append the event in one transaction, then try the fast path. */
  async function recordProbe(probeId: string, version: number): Promise<readonly OutgoingEvent[]> {
    const events = await database.db.transaction().execute(async (trx) => {
      await trx.withTables<{ probe_state: ProbeStateTable }>().insertInto('probe_state').values({ probe_id: probeId, version }).execute();
      return appendToOutbox(trx, [probe(probeId, version)], stampsAt(systemClock));
    });
    await relay.publishCommitted(events);
    return events;
  }

  beforeAll(async () => {
    [kafka, database] = await Promise.all([startStoppableKafka(), openTestDatabase('mysql')]);
    await database.db.schema
      .createTable('probe_state')
      .addColumn('probe_id', 'varchar(64)', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .execute();
    await createTopic(kafka.brokers, probeRecorded.topic);
    const logger = createLogger({ level: 'warn', sink: { write: (line) => void logLines.push(line) } });
    publisher = createKafkaPublisher({ brokers: kafka.brokers, clientId: 'pilog-outage-test', logger });
    relay = createOutboxRelay({ db: database.db, publisher, clock: systemClock, logger });
  }, 180_000);

  afterAll(async () => {
    await publisher?.close();
    await database?.close();
    await kafka?.close();
  }, 60_000);

  it('delivers every event written while the broker was stopped, once it is back', async ({ annotate }) => {
    const beforeOutage = await recordProbe('warm-up', 1);
    expect(await database.db.selectFrom('outbox').select('published_at').where('id', '=', Number(beforeOutage[0]?.id)).executeTakeFirst()).toEqual({
      published_at: expect.any(Number),
    });

    await kafka.stop();
    const writesStarted = performance.now();
    const written: OutgoingEvent[] = [];
    for (let i = 0; i < EVENTS; i++) written.push(...(await recordProbe(`probe-${i % AGGREGATES}`, Math.floor(i / AGGREGATES) + 1)));
    const writesTook = performance.now() - writesStarted;

    // Every use case committed; the fast path failed once, quietly, then stood aside instead of stalling each write,
    // handing every row straight to the sweep.
    expect(await state().selectFrom('probe_state').select((eb) => eb.fn.countAll<number>().as('rows')).executeTakeFirst()).toEqual({ rows: EVENTS + 1 });
    expect(writesTook).toBeLessThan(10_000);
    expect(logLines.filter((line) => line.includes('outbox fast path could not publish'))).toHaveLength(1);
    const unpublished = await database.db.selectFrom('outbox').select(['id', 'claimed_until']).where('published_at', 'is', null).orderBy('id').execute();
    expect(unpublished).toEqual(written.map((event) => ({ id: Number(event.id), claimed_until: null })));

    const duringOutage = await sweepOutbox({ db: database.db, publisher, clock: systemClock }, { batchSize: 10, budgetMs: 20_000, leaseMs: 60_000 });
    expect(duringOutage).toMatchObject({ published: 0, backlog: true, failure: expect.any(String) });

    await kafka.start();
    // The producer reconnects on its own; a tick that comes too early answers retry, as it would in production.
    let afterOutage: SweepOutcome;
    let ticks = 0;
    do {
      ticks++;
      afterOutage = await sweepOutbox({ db: database.db, publisher, clock: systemClock }, { batchSize: 10, budgetMs: 20_000, leaseMs: 60_000 });
    } while (afterOutage.failure !== undefined && ticks < 30 && (await new Promise((resolve) => setTimeout(resolve, 1000, true))));
    expect(afterOutage).toEqual({ published: expect.any(Number), backlog: false });
    expect(await database.db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute()).toEqual([]);

    const wanted = new Set(written.map((event) => event.id));
    const consumed = await consumeUntil(kafka.brokers, probeRecorded.topic, (messages) => {
      const seen = new Set(messages.map((message) => headerText(message, 'ce_id')));
      return [...wanted].every((id) => seen.has(id));
    });
    const deliveries = new Map<string, number>();
    for (const message of consumed) {
      const id = headerText(message, 'ce_id') ?? '';
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    }
    const missing = [...wanted].filter((id) => !deliveries.has(id));
    const duplicates = [...deliveries.values()].reduce((sum, count) => sum + count - 1, 0);
    const report = `${EVENTS} events written during the outage: ${missing.length} missing, ${duplicates} duplicate deliveries, ${ticks} sweep tick(s) after the restart`;
    console.info(report);
    await annotate(report);
    expect(missing).toEqual([]);

    // Oldest first across the outage, so each aggregate's events arrive in version order.
    for (let aggregate = 0; aggregate < AGGREGATES; aggregate++) {
      const versions = consumed
        .filter((message) => message.key?.toString() === `probe-${aggregate}`)
        .map((message) => Number(headerText(message, 'ce_aggregateversion')));
      const firstSeen = versions.filter((version, index) => versions.indexOf(version) === index);
      expect(firstSeen).toEqual(Array.from({ length: EVENTS / AGGREGATES }, (_, i) => i + 1));
    }
  }, 240_000);

  it('fails a publish to a paused broker at the deadline instead of hanging, and publishes again once it runs', async () => {
    const event = (version: number): OutgoingEvent => ({
      id: `paused-${version}`,
      type: probeRecorded.type,
      source: '/pilog/testing',
      topic: probeRecorded.topic,
      key: 'paused-broker',
      time: new Date().toISOString(),
      data: { probeId: 'paused-broker', note: 'sent while the broker is paused' },
      extensions: { aggregateversion: String(version) },
    });
    kafka.pause();
    try {
      const started = performance.now();
      await expect(publisher.publish([event(1)])).rejects.toThrow(`kafka publish not acknowledged within ${PUBLISH_DEADLINE_MS} ms`);
      const took = performance.now() - started;
      expect(took).toBeGreaterThanOrEqual(PUBLISH_DEADLINE_MS - 50);
      expect(took).toBeLessThan(PUBLISH_DEADLINE_MS + 1000);
    } finally {
      kafka.resume();
    }
    await expect(publisher.publish([event(2)])).resolves.toBeUndefined();
  }, 60_000);
});
