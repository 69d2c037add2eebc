import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isoTimestamp } from '../../kernel/clock.ts';
import { raise } from '../../events/event-definition.ts';
import { probeRecorded } from '../../events/testing/probe-event.ts';
import type { DatabaseHandle } from '../database/database.ts';
import { openTestDatabase, testDialects } from '../database/testing/test-databases.ts';
import { appendToOutbox, FAST_PATH_LEASE_MS } from './append-to-outbox.ts';
import { claimOutboxBatch, claimOutboxRows, markOutboxPublished, pruneOutbox, releaseOutboxClaim } from './outbox-repository.ts';
import { consumerPosition, readOutboxFeed, storeConsumerPosition } from './outbox-feed.ts';
import { outgoingEventOf } from './outbox-table.ts';
import { appendCommitted, manualClock, probe, stampsAt } from './testing/outbox-fixtures.ts';

describe.each(testDialects)('the outbox on %s', (dialect) => {
  let handle: DatabaseHandle;
  const rows = () => handle.db.selectFrom('outbox').selectAll().orderBy('id').execute();
  const claim = (token: string, now: number, limit = 100) => claimOutboxBatch(handle.db, { token, now, leaseMs: 60_000, limit });

  beforeAll(async () => {
    handle = await openTestDatabase(dialect);
  });
  afterAll(() => handle.close());
  beforeEach(async () => {
    await handle.db.deleteFrom('outbox').execute();
  });

  it('stores events in the columns Debezium reads and returns them as they will be published', async () => {
    const clock = manualClock();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const [first, second] = await appendCommitted(handle.db, [probe('p-1', 1, '글쓰기 😀'), probe('p-2', 3)], stampsAt(clock, { traceparent }));

    expect(first).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'pilog.testing.probe.recorded.v1',
      source: '/pilog/testing',
      topic: 'pilog.testing.probe',
      key: 'p-1',
      time: isoTimestamp(clock.now()),
      data: { probeId: 'p-1', note: '글쓰기 😀' },
      extensions: { traceparent, aggregateversion: '1' },
    });
    expect(second?.extensions.aggregateversion).toBe('3');
    const stored = await rows();
    expect(stored.map((row) => String(row.id))).toEqual([first?.id, second?.id]);
    expect(stored[0]).toMatchObject({
      aggregatetype: 'probe',
      aggregateid: 'p-1',
      aggregate_version: 1,
      type: 'pilog.testing.probe.recorded.v1',
      created_at: clock.now(),
      published_at: null,
      attempts: 0,
      claimed_by: null,
      claimed_until: clock.now() + FAST_PATH_LEASE_MS,
    });
    expect(stored.map(outgoingEventOf)).toEqual([first, second]);
  });

  it('rolls its rows back with the transaction that wrote them', async () => {
    const failing = handle.db.transaction().execute(async (trx) => {
      await appendToOutbox(trx, [probe('p-1')], stampsAt(manualClock()));
      throw new Error('the use case failed after appending');
    });
    await expect(failing).rejects.toThrow('the use case failed');
    expect(await rows()).toEqual([]);
  });

  it('refuses an event whose data does not match its schema, so nothing is written', async () => {
    const bad = raise(probeRecorded, { probeId: 'p-1' } as never, 1);
    await expect(appendCommitted(handle.db, [probe('p-0'), bad], stampsAt(manualClock()))).rejects.toThrow(/cannot append pilog\.testing\.probe\.recorded\.v1: .*note/);
    expect(await rows()).toEqual([]);
  });

  it('refuses extensions that would shadow a CloudEvents attribute or are not valid names', async () => {
    for (const extensions of [{ type: 'x' }, { aggregateversion: '9' }, { 'trace-parent': 'x' }] as Record<string, string>[]) {
      await expect(appendCommitted(handle.db, [probe('p-1')], stampsAt(manualClock(), extensions))).rejects.toThrow(/extension name/);
    }
    expect(await rows()).toEqual([]);
  });

  it('leaves rows to their writer until the fast-path lease lapses, then hands out the oldest first', async () => {
    const clock = manualClock();
    const written = await appendCommitted(handle.db, [probe('a'), probe('b'), probe('c')], stampsAt(clock));
    expect(await claim('early', clock.now() + FAST_PATH_LEASE_MS - 1)).toEqual([]);

    const lapsed = clock.now() + FAST_PATH_LEASE_MS;
    const firstTwo = await claim('sweeper-1', lapsed, 2);
    expect(firstTwo.map((row) => String(row.id))).toEqual([written[0]?.id, written[1]?.id]);
    expect(firstTwo.every((row) => row.claimed_by === 'sweeper-1' && row.attempts === 1 && row.claimed_until === lapsed + 60_000)).toBe(true);
    expect((await claim('sweeper-2', lapsed)).map((row) => String(row.id))).toEqual([written[2]?.id]);
  });

  it('never hands one row to two claims running at once', async () => {
    const clock = manualClock();
    await appendCommitted(handle.db, Array.from({ length: 40 }, (_, i) => probe(`p-${i % 7}`, i)), stampsAt(clock));
    const now = clock.now() + FAST_PATH_LEASE_MS;
    const claimedIds: number[] = [];
    for (let round = 0; round < 10; round++) {
      const batches = await Promise.all(['a', 'b', 'c'].map((sweeper) => claim(`${sweeper}-${round}`, now, 15)));
      if (batches.every((batch) => batch.length === 0)) break;
      claimedIds.push(...batches.flat().map((row) => row.id));
    }
    expect(claimedIds).toHaveLength(40);
    expect(new Set(claimedIds).size).toBe(40);
  });

  it('does not claim a candidate another sweeper claimed after it was picked', async () => {
    const clock = manualClock();
    await appendCommitted(handle.db, [probe('a'), probe('b')], stampsAt(clock));
    const now = clock.now() + FAST_PATH_LEASE_MS;
    const candidates = (await rows()).map((row) => row.id);
    const [first] = await claim('quick', now, 1);
    const late = await claimOutboxRows(handle.db, candidates, { token: 'late', now, leaseMs: 60_000 });
    expect(late.map((row) => row.aggregateid)).toEqual(['b']);
    expect((await rows()).map((row) => row.claimed_by)).toEqual(['quick', 'late']);
    expect(first?.aggregateid).toBe('a');
  });

  it('marks rows published for good, keeping the first publication time', async () => {
    const clock = manualClock();
    await appendCommitted(handle.db, [probe('a'), probe('b')], stampsAt(clock));
    const [row] = await claim('sweeper', clock.now() + FAST_PATH_LEASE_MS, 1);
    const id = row?.id ?? 0;
    await markOutboxPublished(handle.db, [id], 1000);
    await markOutboxPublished(handle.db, [id], 2000);
    const [published, other] = await rows();
    expect(published).toMatchObject({ published_at: 1000, claimed_by: null, claimed_until: null });
    expect(other?.published_at).toBeNull();
    const later = await claim('much-later', clock.now() + 10 * 60_000);
    expect(later.map((candidate) => candidate.id)).toEqual([other?.id]);
  });

  it('gives a failed claim back at once, recording why, and counts the attempts', async () => {
    const clock = manualClock();
    await appendCommitted(handle.db, [probe('a')], stampsAt(clock));
    const now = clock.now() + FAST_PATH_LEASE_MS;
    const ids = (await claim('sweeper-1', now)).map((row) => row.id);
    await releaseOutboxClaim(handle.db, ids, 'sweeper-1', new Error('broker down'));
    expect(await rows()).toMatchObject([{ claimed_by: null, claimed_until: null, last_error: 'Error: broker down', attempts: 1 }]);
    expect(await claim('sweeper-2', now)).toMatchObject([{ claimed_by: 'sweeper-2', attempts: 2 }]);
  });

  it('lets a release by a claimant whose lease lapsed leave the new claimant alone', async () => {
    const clock = manualClock();
    await appendCommitted(handle.db, [probe('a')], stampsAt(clock));
    const now = clock.now() + FAST_PATH_LEASE_MS;
    const ids = (await claim('slow', now)).map((row) => row.id);
    expect(await claim('next', now + 60_000)).toHaveLength(1);
    await releaseOutboxClaim(handle.db, ids, 'slow', new Error('gave up late'));
    expect(await rows()).toMatchObject([{ claimed_by: 'next', last_error: null }]);
  });

  it('prunes rows published before the cutoff and never an unpublished one', async () => {
    const clock = manualClock();
    const [old, recent] = await appendCommitted(handle.db, [probe('old'), probe('recent'), probe('unpublished')], stampsAt(clock));
    await markOutboxPublished(handle.db, [Number(old?.id)], 1000);
    await markOutboxPublished(handle.db, [Number(recent?.id)], 5000);
    expect(await pruneOutbox(handle.db, 5000)).toBe(1);
    expect((await rows()).map((row) => row.aggregateid)).toEqual(['recent', 'unpublished']);
  });
});

const feed = { consumer: 'probe-consumer', topic: probeRecorded.topic };

describe('the outbox feed of the embedded profile', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase('sqlite');
  });
  afterAll(() => handle.close());
  beforeEach(async () => {
    await handle.db.deleteFrom('outbox').execute();
    await handle.db.deleteFrom('outbox_consumer_positions').execute();
  });

  it('keeps published rows a consumer reading the outbox has not taken yet, and only of its topic', async () => {
    const clock = manualClock();
    const events = await appendCommitted(handle.db, [probe('taken'), probe('pending')], stampsAt(clock));
    await markOutboxPublished(handle.db, events.map((event) => Number(event.id)), 1000);
    const [taken] = await readOutboxFeed(handle.db, feed, 0, 1);
    await storeConsumerPosition(handle.db, feed, taken!.position);
    await storeConsumerPosition(handle.db, { consumer: 'elsewhere', topic: 'pilog.other.topic' }, 0);
    expect(await pruneOutbox(handle.db, 5000)).toBe(1);
    expect((await handle.db.selectFrom('outbox').select('aggregateid').execute()).map((row) => row.aggregateid)).toEqual(['pending']);
  });

  it('numbers rows in commit order, never reuses a number after a prune, and remembers where each consumer is', async () => {
    const clock = manualClock();
    // The later id commits first: the feed follows commits, not ids, so nothing committed behind a reader is skipped.
    const stamps = stampsAt(clock);
    const early = stamps.ids.next();
    const late = stamps.ids.next();
    const queue = [late, early];
    const ids = { ...stamps, ids: { next: () => queue.shift()! } };
    await appendCommitted(handle.db, [probe('first-committed')], ids);
    await appendCommitted(handle.db, [probe('second-committed')], ids);
    const fed = await readOutboxFeed(handle.db, feed, 0, 10);
    expect(fed.map((row) => [row.aggregateid, row.id])).toEqual([
      ['first-committed', late],
      ['second-committed', early],
    ]);
    expect(fed[1]!.position).toBeGreaterThan(fed[0]!.position);

    expect(await consumerPosition(handle.db, feed)).toBe(0);
    await storeConsumerPosition(handle.db, feed, fed[1]!.position);
    await storeConsumerPosition(handle.db, { ...feed, consumer: 'slower' }, fed[0]!.position);
    expect(await consumerPosition(handle.db, feed)).toBe(fed[1]!.position);
    expect((await readOutboxFeed(handle.db, { ...feed, consumer: 'slower' }, fed[0]!.position, 10)).map((row) => row.aggregateid)).toEqual(['second-committed']);

    await handle.db.deleteFrom('outbox').execute();
    await appendCommitted(handle.db, [probe('after-prune')], stampsAt(clock));
    const [next] = await readOutboxFeed(handle.db, feed, fed[1]!.position, 10);
    expect(next).toMatchObject({ aggregateid: 'after-prune', position: fed[1]!.position + 1 });
  });
});
