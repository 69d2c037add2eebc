import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { probeRecorded } from '../../shared/events/testing/probe-event.ts';
import { openTestDatabase, type TestDatabase } from '../../shared/platform/database/testing/test-databases.ts';
import { createLogger } from '../../shared/platform/logging/logger.ts';
import { processEventBus } from '../../shared/platform/messaging/event-publisher.in-process.ts';
import type { OutgoingEvent } from '../../shared/platform/messaging/event-publisher.port.ts';
import { consumeUntil, createTopic, headerText, testKafkaBrokers } from '../../shared/platform/messaging/testing/test-kafka.ts';
import { FAST_PATH_LEASE_MS } from '../../shared/platform/outbox/append-to-outbox.ts';
import { appendCommitted, manualClock, probe, stampsAt } from '../../shared/platform/outbox/testing/outbox-fixtures.ts';
import { registeredListener } from '../../shared/platform/runtime/register-function.ts';
import type { RunningFunction } from '../../shared/platform/runtime/running-function.ts';
import { manifest } from './function.ts';
import { postPing } from '../../tools/dev-host/ping-source.ts';
import { loadFunction } from '../function-modules.ts';

/** The function started as its container would, served over real HTTP. */
async function serve(env: Readonly<Record<string, string>>): Promise<{ url: string; stop(): Promise<void> }> {
  const running: RunningFunction = await (await loadFunction(manifest)).start({ logger: createLogger({ level: 'error' }), env });
  const server: Server = createServer(registeredListener(manifest.name)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async stop() {
      server.close();
      await running.close();
    },
  };
}

const ping = (url: string) => postPing(url, 'events-sweep-outbox');

/** Events whose writers' fast path never delivered them: written longer ago than the fast-path lease. */
const leftBehind = (database: TestDatabase, count: number) =>
  appendCommitted(
    database.db,
    Array.from({ length: count }, (_, i) => probe(`p-${i % 3}`, i + 1)),
    stampsAt(manualClock(Date.now() - FAST_PATH_LEASE_MS)),
  );

const unpublishedErrors = (database: TestDatabase) => database.db.selectFrom('outbox').select('last_error').where('published_at', 'is', null).execute();

describe('events-sweep-outbox in the embedded profile', () => {
  let database: TestDatabase;
  let fn: Awaited<ReturnType<typeof serve>>;
  let received: OutgoingEvent[];
  let refusing: boolean;
  let unsubscribe: () => void;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    fn = await serve(database.env);
    unsubscribe = processEventBus.subscribe(probeRecorded.topic, (event) => {
      if (refusing) throw new Error('subscriber is down');
      received.push(event);
    });
  });
  afterAll(async () => {
    unsubscribe();
    await fn.stop();
    await database.close();
  });
  beforeEach(async () => {
    received = [];
    refusing = false;
    await database.db.deleteFrom('outbox').execute();
  });

  it('publishes what was left behind to the in-process bus, oldest first, and answers done', async () => {
    const events = await leftBehind(database, 5);
    const response = await ping(fn.url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'done' });
    expect(received.map((event) => event.id)).toEqual(events.map((event) => event.id));
    expect(await unpublishedErrors(database)).toEqual([]);
  });

  it('answers retry while events cannot be delivered, and keeps them', async () => {
    await leftBehind(database, 2);
    refusing = true;
    const response = await ping(fn.url);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'retry', reason: expect.stringContaining('subscriber is down') });
    expect(await unpublishedErrors(database)).toEqual([{ last_error: 'Error: subscriber is down' }, { last_error: 'Error: subscriber is down' }]);
  });

  it('answers done when there is nothing to publish', async () => {
    const response = await ping(fn.url);
    expect(response.status).toBe(200);
    expect(received).toEqual([]);
  });
});

describe('events-sweep-outbox in the services profile (MariaDB and Kafka)', () => {
  const brokers = testKafkaBrokers();
  let database: TestDatabase;
  let fn: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    database = await openTestDatabase('mysql');
    await createTopic(brokers, probeRecorded.topic);
    fn = await serve({ ...database.env, PILOG_KAFKA_BROKERS: brokers.join(',') });
  });
  afterAll(async () => {
    await fn.stop();
    await database.close();
  });

  it('publishes what was left behind to Kafka and answers done', async () => {
    const events = await leftBehind(database, 4);
    const response = await ping(fn.url);
    expect(response.status).toBe(200);
    expect(await unpublishedErrors(database)).toEqual([]);
    const wanted = events.map((event) => event.id);
    const consumed = await consumeUntil(brokers, probeRecorded.topic, (messages) => wanted.every((id) => messages.some((m) => headerText(m, 'ce_id') === id)));
    expect(consumed.map((message) => headerText(message, 'ce_id')).filter((id) => id !== undefined && wanted.includes(id)).sort()).toEqual([...wanted].sort());
  });
});
