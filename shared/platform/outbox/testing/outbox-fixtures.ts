import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../../../kernel/clock.ts';
import { createSnowflake } from '../../../kernel/snowflake.ts';
import { raise, type RaisedEvent } from '../../../events/event-definition.ts';
import { probeRecorded } from '../../../events/testing/probe-event.ts';
import type { PlatformTables } from '../../database/database.ts';
import type { OutgoingEvent } from '../../messaging/event-publisher.port.ts';
import { appendToOutbox, type OutboxStamps } from '../append-to-outbox.ts';

export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(start = Date.now()): ManualClock {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

export const probe = (probeId: string, aggregateVersion = 1, note = `note of ${probeId}`): RaisedEvent =>
  raise(probeRecorded, { probeId, note }, aggregateVersion);

/**
 * Ids come from the real clock, shared by every test of the process so no two rows get the same one: a snowflake
 * on a frozen test clock would wait forever for the next millisecond once 32 ids were taken in one.
 */
const ids = createSnowflake(1, systemClock);

/** Stamps whose times follow `clock`, so tests can move past leases. */
export const stampsAt = (clock: Clock, extensions?: Readonly<Record<string, string>>): OutboxStamps => ({
  ids,
  clock,
  ...(extensions ? { extensions } : {}),
});

/** What a use case does: write the events in a transaction of their own and commit. */
export const appendCommitted = (db: Kysely<PlatformTables>, events: readonly RaisedEvent[], stamps: OutboxStamps): Promise<readonly OutgoingEvent[]> =>
  db.transaction().execute((trx) => appendToOutbox(trx, events, stamps));
