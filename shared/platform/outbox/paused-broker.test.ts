import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRecorded } from '../../events/testing/probe-event.ts';
import { systemClock } from '../../kernel/clock.ts';
import type { DatabaseHandle } from '../database/database.ts';
import { openTestDatabase } from '../database/testing/test-databases.ts';
import { createLogger } from '../logging/logger.ts';
import { createKafkaPublisher } from '../messaging/event-publisher.kafka.ts';
import type { EventPublisher, OutgoingEvent } from '../messaging/event-publisher.port.ts';
import { startStoppableKafka, type StoppableKafka } from '../messaging/testing/stoppable-kafka.ts';
import { consumeUntil, createTopic, headerText } from '../messaging/testing/test-kafka.ts';
import { appendToOutbox } from './append-to-outbox.ts';
import { createOutboxRelay, type OutboxRelay } from './relay-outbox.ts';
import { sweepOutbox, type SweepOutcome } from './sweep-outbox.ts';
import { probe, stampsAt } from './testing/outbox-fixtures.ts';

const WARM_UP = 20;
const HEALTHY = 100;
const PAUSED = 300;

const percentile = (samples: readonly number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

/**
 * A hung broker (its JVM paused with SIGSTOP, as a GC stall or a dead network looks) must not slow writes: they
 * answer once committed, the fast path publishes in the background within its bound, and the sweep delivers the
 * rest once the broker runs again. The broker is a private one: pausing the shared one would stall other tests.
 */
describe('writes while the broker hangs (MariaDB and a paused Kafka)', () => {
  let kafka: StoppableKafka;
  let database: DatabaseHandle;
  let publisher: EventPublisher;
  let relay: OutboxRelay;

  /** A use case's write: the event appended in its transaction, the fast path started after commit, not awaited. */
  async function write(probeId: string, version: number): Promise<{ event: OutgoingEvent; ms: number }> {
    const started = performance.now();
    const [event] = await database.db.transaction().execute((trx) => appendToOutbox(trx, [probe(probeId, version)], stampsAt(systemClock)));
    relay.publishAfterCommit([event as OutgoingEvent]);
    return { event: event as OutgoingEvent, ms: performance.now() - started };
  }
  const writeMany = async (prefix: string, count: number) => {
    const results = [];
    for (let i = 0; i < count; i++) results.push(await write(`${prefix}-${i % 5}`, Math.floor(i / 5) + 1));
    return results;
  };

  beforeAll(async () => {
    [kafka, database] = await Promise.all([startStoppableKafka(), openTestDatabase('mysql')]);
    await createTopic(kafka.brokers, probeRecorded.topic);
    const logger = createLogger({ level: 'error' });
    publisher = createKafkaPublisher({ brokers: kafka.brokers, clientId: 'pilog-paused-broker-test', logger });
    relay = createOutboxRelay({ db: database.db, publisher, clock: systemClock, logger });
  }, 180_000);

  afterAll(async () => {
    kafka?.resume();
    await relay?.drain();
    await publisher?.close();
    await database?.close();
    await kafka?.close();
  }, 60_000);

  it('answers writes at their healthy latency while the broker is paused, and delivers every event after it resumes', async ({ annotate }) => {
    const warmUp = await writeMany('warm', WARM_UP);
    await relay.drain();
    const healthy = await writeMany('healthy', HEALTHY);
    await relay.drain();

    kafka.pause();
    let paused: Awaited<ReturnType<typeof writeMany>>;
    try {
      paused = await writeMany('paused', PAUSED);
      await relay.drain();
    } finally {
      kafka.resume();
    }

    let outcome: SweepOutcome;
    let ticks = 0;
    do {
      ticks++;
      outcome = await sweepOutbox({ db: database.db, publisher, clock: systemClock }, { batchSize: 100, budgetMs: 20_000, leaseMs: 60_000 });
    } while ((outcome.failure !== undefined || outcome.backlog) && ticks < 30 && (await new Promise((resolve) => setTimeout(resolve, 1000, true))));
    expect(await database.db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute()).toEqual([]);

    const wanted = new Set([...warmUp, ...healthy, ...paused].map(({ event }) => event.id));
    const consumed = await consumeUntil(kafka.brokers, probeRecorded.topic, (messages) => {
      const seen = new Set(messages.map((message) => headerText(message, 'ce_id')));
      return [...wanted].every((id) => seen.has(id));
    });
    const delivered = new Set(consumed.map((message) => headerText(message, 'ce_id')).filter((id) => id !== undefined && wanted.has(id)));

    const ms = (samples: typeof healthy) => samples.map((sample) => sample.ms);
    const figures = {
      healthyP50: percentile(ms(healthy), 50),
      healthyP99: percentile(ms(healthy), 99),
      pausedP50: percentile(ms(paused), 50),
      pausedP99: percentile(ms(paused), 99),
    };
    const report = `write latency healthy p50 ${figures.healthyP50.toFixed(1)} / p99 ${figures.healthyP99.toFixed(1)} ms; broker paused p50 ${figures.pausedP50.toFixed(1)} / p99 ${figures.pausedP99.toFixed(1)} ms; ${delivered.size}/${wanted.size} delivered after resume (${ticks} sweep tick(s))`;
    console.info(report);
    await annotate(report);
    expect(delivered.size).toBe(wanted.size);
    expect(figures.pausedP99).toBeLessThanOrEqual(2 * Math.max(figures.healthyP99, 10));
  }, 240_000);
});
