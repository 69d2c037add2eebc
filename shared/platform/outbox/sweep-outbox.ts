import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import type { PlatformTables } from '../database/database.ts';
import type { EventPublisher } from '../messaging/event-publisher.port.ts';
import { claimOutboxBatch, markOutboxPublished, releaseOutboxClaim } from './outbox-repository.ts';
import { outgoingEventOf } from './outbox-table.ts';

export interface SweepOptions {
  readonly batchSize: number;
  /** Stop claiming new batches after this long; what is left waits for the next tick. */
  readonly budgetMs: number;
  /** How long a claimed batch is ours: well beyond a publish that gives up on a dead broker. */
  readonly leaseMs: number;
}

export const defaultSweepOptions: SweepOptions = { batchSize: 100, budgetMs: 20_000, leaseMs: 60_000 };

export interface SweepOutcome {
  readonly published: number;
  /** True when unpublished rows remain that this pass could have taken. */
  readonly backlog: boolean;
  /** Why publishing stopped, when it failed; the failed batch is released for the next pass. */
  readonly failure?: string;
}

/**
 * The slow path: publishes every unpublished row whose claim has lapsed, oldest first, a claimed batch at a time,
 * until none is left or the time budget is spent. On a failed publish it stops at once rather than skip ahead, so
 * events go out in id order (and per aggregate in order) even across an outage.
 */
export async function sweepOutbox(
  deps: { db: Kysely<PlatformTables>; publisher: EventPublisher; clock: Clock },
  options: SweepOptions = defaultSweepOptions,
): Promise<SweepOutcome> {
  const started = deps.clock.now();
  let published = 0;
  for (;;) {
    const token = randomUUID();
    const rows = await claimOutboxBatch(deps.db, { token, now: deps.clock.now(), leaseMs: options.leaseMs, limit: options.batchSize });
    if (rows.length === 0) return { published, backlog: false };
    const ids = rows.map((row) => row.id);
    try {
      await deps.publisher.publish(rows.map(outgoingEventOf));
    } catch (error) {
      await releaseOutboxClaim(deps.db, ids, token, error);
      return { published, backlog: true, failure: error instanceof Error ? error.message : String(error) };
    }
    await markOutboxPublished(deps.db, ids, deps.clock.now());
    published += rows.length;
    if (rows.length < options.batchSize) return { published, backlog: false };
    if (deps.clock.now() - started >= options.budgetMs) return { published, backlog: true };
  }
}
