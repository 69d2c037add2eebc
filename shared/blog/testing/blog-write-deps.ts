import { systemClock } from '../../kernel/clock.ts';
import { createSnowflake, type IdGenerator } from '../../kernel/snowflake.ts';
import { createMemoryCache } from '../../platform/cache/cache.memory.ts';
import type { DatabaseHandle } from '../../platform/database/database.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { createInProcessEventBus } from '../../platform/messaging/event-publisher.in-process.ts';
import type { EventPublisher } from '../../platform/messaging/event-publisher.port.ts';
import { createOutboxRelay } from '../../platform/outbox/relay-outbox.ts';
import { createArticleReadCache } from '../application/article-read-cache.ts';
import type { ArticleWriteDeps } from '../application/write-article.ts';
import { createSqlArticleStore } from '../adapters/article-store.sql.ts';
import type { BlogTables } from '../adapters/blog-tables.ts';

export const testAdmin = { userId: 1, roles: ['ADMIN'] } as const;

/**
 * The write use cases' dependencies over a test database, as the function wires them: the real SQL store and
 * outbox, events published to `publisher` (a bus of its own by default) after each commit, a private cache.
 */
export function blogWriteDeps(database: DatabaseHandle, publisher: EventPublisher = createInProcessEventBus()): ArticleWriteDeps & { readonly ids: IdGenerator } {
  const ids = createSnowflake(3, systemClock);
  const relay = createOutboxRelay({ db: database.db, publisher, clock: systemClock, logger: createLogger({ level: 'error' }) });
  const cache = createArticleReadCache(createMemoryCache({ maxEntries: 100, clock: systemClock }), {
    onInvalidationFailure: (error) => {
      throw error;
    },
  });
  return { store: createSqlArticleStore({ db: database.db.withTables<BlogTables>(), dialect: database.dialect, ids, clock: systemClock, relay }), cache, clock: systemClock, ids };
}
