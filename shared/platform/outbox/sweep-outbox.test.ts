import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database/database.ts';
import { openTestDatabase, testDialects } from '../database/testing/test-databases.ts';
import { createInProcessEventBus } from '../messaging/event-publisher.in-process.ts';
import type { OutgoingEvent } from '../messaging/event-publisher.port.ts';
import { FAST_PATH_LEASE_MS } from './append-to-outbox.ts';
import { sweepOutbox } from './sweep-outbox.ts';
import { appendCommitted, manualClock, probe, stampsAt } from './testing/outbox-fixtures.ts';

describe.each(testDialects)('the outbox sweep on %s', (dialect) => {
  let handle: DatabaseHandle;
  const unpublished = async () => (await handle.db.selectFrom('outbox').selectAll().where('published_at', 'is', null).orderBy('id').execute());

  beforeAll(async () => {
    handle = await openTestDatabase(dialect);
  });
  afterAll(() => handle.close());
  beforeEach(async () => {
    await handle.db.deleteFrom('outbox').execute();
  });

  /** `count` events over five aggregates, written long enough ago that the writers' leases have lapsed. */
  async function leftBehind(count: number) {
    const clock = manualClock();
    const events = await appendCommitted(
      handle.db,
      Array.from({ length: count }, (_, i) => probe(`p-${i % 5}`, Math.floor(i / 5) + 1)),
      stampsAt(clock),
    );
    clock.advance(FAST_PATH_LEASE_MS);
    return { clock, ids: events.map((event) => event.id) };
  }

  function bus(refuseFromDelivery = Infinity) {
    const publisher = createInProcessEventBus();
    const received: OutgoingEvent[] = [];
    publisher.subscribe('pilog.testing.probe', (event) => {
      if (received.length >= refuseFromDelivery) throw new Error('subscriber is down');
      received.push(event);
    });
    return { publisher, received };
  }

  it('publishes every row left behind, oldest first, a batch at a time', async () => {
    const { clock, ids } = await leftBehind(25);
    const { publisher, received } = bus();
    const outcome = await sweepOutbox({ db: handle.db, publisher, clock }, { batchSize: 10, budgetMs: 60_000, leaseMs: 60_000 });
    expect(outcome).toEqual({ published: 25, backlog: false });
    expect(received.map((event) => event.id)).toEqual(ids);
    expect(await unpublished()).toEqual([]);
  });

  it('stops at the first batch that fails, gives it back and reports why', async () => {
    const { clock, ids } = await leftBehind(25);
    const { publisher, received } = bus(10);
    const outcome = await sweepOutbox({ db: handle.db, publisher, clock }, { batchSize: 10, budgetMs: 60_000, leaseMs: 60_000 });
    expect(outcome).toEqual({ published: 10, backlog: true, failure: 'subscriber is down' });
    const left = await unpublished();
    expect(left.map((row) => String(row.id))).toEqual(ids.slice(10));
    expect(left.slice(0, 10).every((row) => row.claimed_by === null && row.attempts === 1 && row.last_error === 'Error: subscriber is down')).toBe(true);
    expect(left.slice(10).every((row) => row.attempts === 0)).toBe(true);

    const retried = bus();
    expect(await sweepOutbox({ db: handle.db, publisher: retried.publisher, clock })).toEqual({ published: 15, backlog: false });
    expect([...received, ...retried.received].map((event) => event.id)).toEqual(ids);
  });

  it('leaves the rest for the next tick once its time budget is spent', async () => {
    const { clock } = await leftBehind(12);
    const { publisher, received } = bus();
    expect(await sweepOutbox({ db: handle.db, publisher, clock }, { batchSize: 5, budgetMs: 0, leaseMs: 60_000 })).toEqual({ published: 5, backlog: true });
    expect(received).toHaveLength(5);
    expect(await unpublished()).toHaveLength(7);
  });

  it('publishes each row once when two sweeps run at the same time', async () => {
    const { clock, ids } = await leftBehind(60);
    const { publisher, received } = bus();
    const options = { batchSize: 7, budgetMs: 60_000, leaseMs: 60_000 };
    const outcomes = await Promise.all([sweepOutbox({ db: handle.db, publisher, clock }, options), sweepOutbox({ db: handle.db, publisher, clock }, options)]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.published, 0)).toBe(60);
    expect(received.map((event) => event.id).sort()).toEqual([...ids].sort());
  });

  it('does not take rows whose writer may still be publishing them', async () => {
    const clock = manualClock();
    await appendCommitted(handle.db, [probe('fresh')], stampsAt(clock));
    const { publisher, received } = bus();
    expect(await sweepOutbox({ db: handle.db, publisher, clock })).toEqual({ published: 0, backlog: false });
    expect(received).toEqual([]);
  });
});
