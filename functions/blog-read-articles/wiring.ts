import { createArticleReadCache } from '../../shared/blog/application/article-read-cache.ts';
import type { ArticleReadDeps } from '../../shared/blog/application/list-articles.ts';
import { createSqlArticleReads } from '../../shared/blog/adapters/article-reads.sql.ts';
import type { ArticleSearch } from '../../shared/blog/ports/article-search.port.ts';
import { openCache } from '../../shared/platform/cache/open-cache.ts';
import type { ConfigOf } from '../../shared/platform/config/load-config.ts';
import { openDatabase } from '../../shared/platform/database/database.ts';
import type { Logger } from '../../shared/platform/logging/logger.ts';
import { openSearchIndex, type OpenedSearchIndex } from '../../shared/search/adapters/open-search-index.ts';
import { searchArticles } from '../../shared/search/application/search-articles.ts';
import type { manifest } from './function.ts';
import type { BlogTables } from '../../shared/blog/adapters/blog-tables.ts';

export interface BlogReadWiring {
  readonly deps: ArticleReadDeps;
  close(): Promise<void>;
}

/**
 * The blog's reads and its keyword search, which the search context answers: the blog owns the `ArticleSearch`
 * port, and this function (which may see both contexts) plugs the search read model into it. The search index
 * (its OpenSearch client, in the services profile) opens on the first keyword search: pages, tags and details,
 * which most readers ask for, never load it, so a cold start does not wait for it.
 */
export async function wireBlogReads(config: ConfigOf<typeof manifest.settings>, logger: Logger): Promise<BlogReadWiring> {
  const [database, cache] = await Promise.all([openDatabase(config), openCache(config, 'blog', logger)]);
  let search: Promise<OpenedSearchIndex> | undefined;
  const articleSearch: ArticleSearch = {
    search: async (keyword, limit) => searchArticles((await (search ??= openSearchIndex(config, { database }))).index, keyword, limit),
  };
  return {
    deps: {
      reads: createSqlArticleReads(database.db.withTables<BlogTables>()),
      search: articleSearch,
      // Readers never invalidate; writers do.
      cache: createArticleReadCache(cache.cache, { onInvalidationFailure: () => {} }),
    },
    async close() {
      await cache.close();
      await search?.then((opened) => opened.close(), () => {});
      await database.close();
    },
  };
}
