import type { IdGenerator } from '../../kernel/snowflake.ts';
import type { Platform } from '../../platform/runtime/open-platform.ts';
import { createArticleReadCache } from '../application/article-read-cache.ts';
import type { ArticleWriteDeps } from '../application/write-article.ts';
import { createSqlArticleStore } from './article-store.sql.ts';
import type { BlogTables } from './blog-tables.ts';

export type BlogWrites = ArticleWriteDeps & { readonly ids: IdGenerator };

/**
 * The write use cases' dependencies on the platform: the article store (its rows and outbox in one transaction, the
 * relay after commit) and the read cache it invalidates. Every entry that writes articles (the HTTP function, the
 * realtime autosave) opens them here, so all validate, raise events and invalidate cached reads alike.
 */
export async function openBlogWrites(platform: Platform): Promise<BlogWrites> {
  const { clock, logger } = platform;
  const [database, ids, relay, cache] = await Promise.all([platform.database(), platform.ids(), platform.relay(), platform.cache('blog')]);
  const readCache = createArticleReadCache(cache, {
    onInvalidationFailure: (error) => logger.error('cached article reads not invalidated; readers may see the old version until entries expire', { error }),
  });
  return { store: createSqlArticleStore({ db: database.db.withTables<BlogTables>(), dialect: database.dialect, ids, clock, relay }), cache: readCache, clock, ids };
}
