import { systemClock } from '../../kernel/clock.ts';
import { openCache } from '../../platform/cache/open-cache.ts';
import type { ConfigOf } from '../../platform/config/load-config.ts';
import { openDatabase } from '../../platform/database/database.ts';
import { openProcessIds } from '../../platform/ids/process-ids.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { openEventPublisher } from '../../platform/messaging/open-event-publisher.ts';
import { createOutboxRelay } from '../../platform/outbox/relay-outbox.ts';
import type { MemoDeps } from '../application/memo-deps.ts';
import { createFolderTreeCache } from './folder-tree-cache.cache.ts';
import type { memoSettings } from './memo-settings.ts';
import { createSqlMemoStore } from './memo-store.sql.ts';
import type { MemoTables } from './memo-tables.ts';

export interface MemoContext {
  readonly deps: MemoDeps;
  close(): Promise<void>;
}

/**
 * The memo use cases' dependencies for the profile: SQLite or MySQL, the process LRU or Redis, the in-process bus or
 * Kafka behind the outbox. Every entry that runs memo use cases (the HTTP function, the purge, the realtime channel)
 * opens them here, so they all validate, raise events and invalidate the cache the same way.
 */
export async function openMemoContext(config: ConfigOf<typeof memoSettings>, context: { clientId: string; logger: Logger }): Promise<MemoContext> {
  const clock = systemClock;
  const processIds = await openProcessIds(config, context.logger);
  const { ids } = processIds;
  const database = await openDatabase(config);
  const publisher = await openEventPublisher(config, context);
  const cache = await openCache(config, 'memo', context.logger);
  const relay = createOutboxRelay({ db: database.db, publisher, clock, logger: context.logger });
  return {
    deps: {
      store: createSqlMemoStore({ db: database.db.withTables<MemoTables>(), dialect: database.dialect, ids, clock, relay }),
      treeCache: createFolderTreeCache(cache.cache, context.logger),
      ids,
    },
    async close() {
      await cache.close();
      await relay.drain();
      await processIds.release();
      await publisher.close();
      await database.close();
    },
  };
}
