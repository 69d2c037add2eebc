import { systemClock } from '../../kernel/clock.ts';
import type { IdGenerator } from '../../kernel/snowflake.ts';
import { openCache } from '../../platform/cache/open-cache.ts';
import type { ConfigOf } from '../../platform/config/load-config.ts';
import { openDatabase } from '../../platform/database/database.ts';
import { openProcessIds } from '../../platform/ids/process-ids.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { openEventPublisher } from '../../platform/messaging/open-event-publisher.ts';
import { createOutboxRelay } from '../../platform/outbox/relay-outbox.ts';
import { createArticleReadCache } from '../application/article-read-cache.ts';
import type { ArticleWriteDeps } from '../application/write-article.ts';
import { createSqlArticleStore } from './article-store.sql.ts';
import type { blogWriteSettings } from './blog-settings.ts';
import type { BlogTables } from './blog-tables.ts';

export interface BlogWrites {
  readonly deps: ArticleWriteDeps & { readonly ids: IdGenerator };
  close(): Promise<void>;
}

/**
 * The write use cases' dependencies for the profile: SQLite or MySQL, the in-process bus or Kafka behind the outbox,
 * the process LRU or Redis for the read cache they invalidate. Every entry that writes articles (the HTTP function,
 * the realtime autosave) opens them here, so all validate, raise events and invalidate cached reads alike.
 */
export async function openBlogWrites(config: ConfigOf<typeof blogWriteSettings>, context: { clientId: string; logger: Logger }): Promise<BlogWrites> {
  const clock = systemClock;
  const processIds = await openProcessIds(config, context.logger);
  const { ids } = processIds;
  const database = await openDatabase(config);
  const publisher = await openEventPublisher(config, context);
  const relay = createOutboxRelay({ db: database.db, publisher, clock, logger: context.logger });
  const cache = await openCache(config, 'blog', context.logger);
  const readCache = createArticleReadCache(cache.cache, {
    onInvalidationFailure: (error) => context.logger.error('cached article reads not invalidated; readers may see the old version until entries expire', { error }),
  });
  return {
    deps: { store: createSqlArticleStore({ db: database.db.withTables<BlogTables>(), dialect: database.dialect, ids, clock, relay }), cache: readCache, clock, ids },
    async close() {
      await relay.drain();
      await processIds.release();
      await publisher.close();
      await cache.close();
      await database.close();
    },
  };
}
