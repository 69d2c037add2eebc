import type { Kysely } from 'kysely';
import { requireSetting } from '../../platform/config/platform-settings.ts';
import type { Platform } from '../../platform/runtime/open-platform.ts';
import type { SearchIndex, SearchIndexRebuild } from '../ports/search-index.port.ts';
import { checkIndexName } from './search-settings.ts';

export interface SearchIndexSettings {
  readonly openSearchUrl: string;
  readonly searchIndex: string;
}

export interface OpenedSearch {
  readonly index: SearchIndex & SearchIndexRebuild;
  /**
   * Makes sure the index exists with current settings (OpenSearch: the first versioned index behind the alias), so
   * that the first reads do not meet an index whose shards are still starting. Writes create it anyway if missing.
   */
  prepare(): Promise<void>;
}

/**
 * The profile's search index: SQLite FTS5 in the platform's database (embedded) or OpenSearch (services), whose
 * client is imported only in that profile and closes with the platform.
 */
export async function openSearch(platform: Platform, settings: SearchIndexSettings): Promise<OpenedSearch> {
  if (platform.profile === 'embedded') {
    const [database, { createSqliteSearchIndex }] = await Promise.all([platform.database(), import('./search-index.sqlite.ts')]);
    // The SQLite index is made by the migrations.
    return { index: createSqliteSearchIndex(database.db as Kysely<unknown>, platform.clock), prepare: async () => {} };
  }
  const alias = checkIndexName(settings.searchIndex);
  const node = requireSetting(settings.openSearchUrl, 'PILOG_OPENSEARCH_URL', 'in the services profile');
  const [{ Client }, { createOpenSearchIndex }] = await Promise.all([import('@opensearch-project/opensearch'), import('./search-index.opensearch.ts')]);
  // A short timeout and one retry: a reader should get its 503 within seconds, and the event source retries anyway.
  const client = new Client({ node, requestTimeout: 5000, maxRetries: 1 });
  platform.onClose(() => client.close());
  const index = createOpenSearchIndex(client, { alias, clock: platform.clock });
  return { index, prepare: () => index.prepare() };
}
