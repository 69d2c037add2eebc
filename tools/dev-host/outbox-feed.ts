import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../shared/platform/database/database.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { processEventBus } from '../../shared/platform/messaging/event-publisher.in-process.ts';
import { consumerPosition, readOutboxFeed, storeConsumerPosition, type OutboxConsumer } from '../../shared/platform/outbox/outbox-feed.ts';
import { outgoingEventOf } from '../../shared/platform/outbox/outbox-table.ts';
import type { EventDispatcher } from './event-dispatcher.ts';
import { cloudEventOf } from './event-sources.ts';

/** Rows read per pass; a pass goes on until the feed is empty. */
const BATCH_SIZE = 100;
/** A row committed by another process (the migrate CLI, a test) raises no wake-up in this one: look this often anyway. */
export const POLL_INTERVAL_MS = 1000;

/**
 * Embedded profile: feeds an event function from the outbox table itself, as a KafkaSource feeds it from a topic.
 * Rows are delivered one at a time in commit order, and the consumer's stored position moves past each once it was
 * delivered or dead-lettered, so a process killed at any moment resumes where it stopped and loses nothing; at most
 * the one delivery in flight at the kill is repeated (consumers ignore it by its aggregate version). The in-process
 * bus is only a wake-up: a publish on the topic starts a pass at once instead of at the next poll.
 */
export async function feedFromOutbox(options: {
  db: Kysely<PlatformTables>;
  consumer: OutboxConsumer;
  dispatcher: EventDispatcher;
  logger: Logger;
}): Promise<() => Promise<void>> {
  const { db, consumer, dispatcher, logger } = options;
  let position = await consumerPosition(db, consumer);
  let stopped = false;
  let again = false;
  let pass: Promise<void> | undefined;

  const deliverPending = async (): Promise<void> => {
    for (let rows = await readOutboxFeed(db, consumer, position, BATCH_SIZE); rows.length > 0 && !stopped; rows = await readOutboxFeed(db, consumer, position, BATCH_SIZE)) {
      for (const row of rows) {
        if (stopped) return;
        const outcome = await dispatcher.deliver(cloudEventOf(outgoingEventOf(row)));
        if (stopped) return; // stopping: the row is fed again at the next start
        await storeConsumerPosition(db, consumer, row.position);
        position = row.position;
        logger.debug('outbox event fed', { consumer: consumer.consumer, ceId: String(row.id), position, outcome });
      }
    }
  };
  const wake = (): void => {
    if (pass) {
      again = true;
      return;
    }
    pass = deliverPending()
      .catch((error: unknown) => {
        if (!stopped) logger.error('outbox feed pass failed; the next poll retries', { consumer: consumer.consumer, error });
      })
      .finally(() => {
        pass = undefined;
        if (again && !stopped) {
          again = false;
          wake();
        }
      });
  };

  const unsubscribe = processEventBus.subscribe(consumer.topic, wake);
  const poll = setInterval(wake, POLL_INTERVAL_MS);
  wake();
  // A pass may be waiting out a delivery's retries; stopping does not wait for it, it only keeps it from going on.
  return async () => {
    stopped = true;
    clearInterval(poll);
    unsubscribe();
  };
}
