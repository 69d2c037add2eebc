import { openBlogReads } from '../../shared/blog/adapters/open-blog-reads.ts';
import type { ArticleSearch } from '../../shared/blog/ports/article-search.port.ts';
import { loadConfig } from '../../shared/platform/config/load-config.ts';
import { registerHttpFunction } from '../../shared/platform/http/http-function.ts';
import { identifyFromEnv } from '../../shared/platform/http/identify.ts';
import { openPlatform, type Platform } from '../../shared/platform/runtime/open-platform.ts';
import type { RunningFunction, RuntimeContext } from '../../shared/platform/runtime/running-function.ts';
import { openSearch, type OpenedSearch, type SearchIndexSettings } from '../../shared/search/adapters/open-search.ts';
import { searchArticles } from '../../shared/search/application/search-articles.ts';
import { manifest } from './function.ts';
import { readHandlers } from './handlers.ts';

/**
 * The blog owns the `ArticleSearch` port and the search context answers it; this function may see both, so it plugs
 * one into the other. The index (its OpenSearch client, with services) opens on the first keyword search: pages,
 * tags and details, which most readers ask for, never load it, so a cold start does not wait for it.
 */
function searchOnFirstUse(platform: Platform, settings: SearchIndexSettings): ArticleSearch {
  let search: Promise<OpenedSearch> | undefined;
  return { search: async (keyword, limit) => searchArticles((await (search ??= openSearch(platform, settings))).index, keyword, limit) };
}

export async function start(context: RuntimeContext): Promise<RunningFunction> {
  const config = loadConfig(manifest.settings, context.env);
  const platform = openPlatform(config, { name: manifest.name, logger: context.logger });
  const blog = await openBlogReads(platform, searchOnFirstUse(platform, config));
  registerHttpFunction(manifest, readHandlers(blog), { logger: context.logger, identify: identifyFromEnv(context.env) });
  return { name: manifest.name, close: platform.close };
}
