import type { Platform } from '../../platform/runtime/open-platform.ts';
import { createArticleReadCache } from '../application/article-read-cache.ts';
import type { ArticleReadDeps } from '../application/list-articles.ts';
import type { ArticleSearch } from '../ports/article-search.port.ts';
import { createSqlArticleReads } from './article-reads.sql.ts';
import type { BlogTables } from './blog-tables.ts';

/**
 * The read use cases' dependencies on the platform, opened together at start: the database (whose driver loads on
 * the first query that misses the cache) and the cache. Keyword search is the `ArticleSearch` port the caller plugs.
 */
export async function openBlogReads(platform: Platform, search: ArticleSearch): Promise<ArticleReadDeps> {
  const [database, cache] = await Promise.all([platform.database(), platform.cache('blog')]);
  // Readers never invalidate; writers do.
  return { reads: createSqlArticleReads(database.db.withTables<BlogTables>()), search, cache: createArticleReadCache(cache, { onInvalidationFailure: () => {} }) };
}
