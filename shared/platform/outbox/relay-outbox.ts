import type { Kysely } from 'kysely';
import type { Clock } from '../../kernel/clock.ts';
import type { PlatformTables } from '../database/database.ts';
import type { Logger } from '../logging/logger.ts';
import type { EventPublisher, OutgoingEvent } from '../messaging/event-publisher.port.ts';
import { markOutboxPublished, releaseOutboxClaim } from './outbox-repository.ts';

/** After a failed publish, the fast path stands aside this long, so an outage costs one request a timeout, not every one. */
export const FAST_PATH_PAUSE_MS = 30_000;
/** A fast-path publish that has not answered by then is the sweep's: a hung broker answers nothing, ever. It runs after the answer, so this bounds only the hand-over, and leaves a fresh broker time to create a topic. */
export const FAST_PATH_TIMEOUT_MS = 5000;

export interface OutboxRelay {
  /** Publishes events `appendToOutbox` returned, once their transaction has committed. Never rejects. */
  publishCommitted(events: readonly OutgoingEvent[]): Promise<void>;
  /**
   * The same, in the background: a write answers once it has committed and never waits on the broker. Whatever
   * the background publish leaves, the sweep delivers.
   */
  publishAfterCommit(events: readonly OutgoingEvent[]): void;
  /** Waits for the background publishes under way (call before closing the publisher). */
  drain(): Promise<void>;
}

const withinFastPath = <T>(work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the broker within ${FAST_PATH_TIMEOUT_MS} ms`)), FAST_PATH_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

/**
 * The fast path: publish what a request just committed and mark it sent. Whatever it does not publish, it hands
 * to the sweep at once (rather than let the writer's lease run out), logging failures; the request that wrote the
 * events has already succeeded and must not fail for the broker's sake.
 */
export function createOutboxRelay(deps: { db: Kysely<PlatformTables>; publisher: EventPublisher; clock: Clock; logger: Logger }): OutboxRelay {
  let pausedUntil = 0;
  const handToSweep = (ids: readonly number[], reason: unknown): Promise<void> =>
    releaseOutboxClaim(deps.db, ids, null, reason).catch((error: unknown) =>
      deps.logger.warn('outbox rows not handed to the sweep; they wait for their lease to lapse', { eventIds: ids, error }),
    );

  const inFlight = new Set<Promise<void>>();
  const relay: OutboxRelay = {
    async publishCommitted(events) {
      if (events.length === 0) return;
      const ids = events.map((event) => Number(event.id));
      if (deps.clock.now() < pausedUntil) return handToSweep(ids, 'fast path paused after a failed publish');
      try {
        await withinFastPath(deps.publisher.publish(events));
      } catch (error) {
        pausedUntil = deps.clock.now() + FAST_PATH_PAUSE_MS;
        deps.logger.warn('outbox fast path could not publish; the sweep will', { eventIds: ids, error });
        return handToSweep(ids, error);
      }
      await markOutboxPublished(deps.db, ids, deps.clock.now()).catch((error: unknown) =>
        deps.logger.warn('outbox rows published but not marked; the sweep will publish them again', { eventIds: ids, error }),
      );
    },

    publishAfterCommit(events) {
      if (events.length === 0) return;
      const running = relay.publishCommitted(events).finally(() => inFlight.delete(running));
      inFlight.add(running);
    },

    async drain() {
      await Promise.all([...inFlight]);
    },
  };
  return relay;
}
