import type { Kysely } from 'kysely';
import { systemClock } from '../../kernel/clock.ts';
import { requireSetting } from '../../platform/config/platform-settings.ts';
import { openDatabase, type DatabaseHandle } from '../../platform/database/database.ts';
import type { SearchIndex, SearchIndexRebuild } from '../ports/search-index.port.ts';
import { checkIndexName } from './search-settings.ts';

export interface SearchIndexSettings {
  readonly profile: 'embedded' | 'services';
  readonly dataDir: string;
  readonly openSearchUrl: string;
  readonly searchIndex: string;
}

export interface OpenedSearchIndex {
  readonly index: SearchIndex & SearchIndexRebuild;
  /**
   * Makes sure the index exists with current settings (OpenSearch: the first versioned index behind the alias), so
   * that the first reads do not meet an index whose shards are still starting. Writes create it anyway if missing.
   */
  prepare(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The profile's search index: SQLite FTS5 in the data dir's database (embedded; pass `database` to share a handle
 * the caller already holds) or OpenSearch (services). The OpenSearch client is imported only in that profile.
 */
export async function openSearchIndex(settings: SearchIndexSettings, options: { readonly database?: DatabaseHandle } = {}): Promise<OpenedSearchIndex> {
  if (settings.profile === 'embedded') {
    const { createSqliteSearchIndex } = await import('./search-index.sqlite.ts');
    const owned = options.database === undefined ? await openDatabase({ ...settings, mysqlUrl: '' }) : undefined;
    const database = options.database ?? (owned as DatabaseHandle);
    // The SQLite index is made by the migrations.
    return { index: createSqliteSearchIndex(database.db as Kysely<unknown>, systemClock), prepare: async () => {}, close: async () => owned?.close() };
  }
  const alias = checkIndexName(settings.searchIndex);
  const node = requireSetting(settings.openSearchUrl, 'PILOG_OPENSEARCH_URL', 'in the services profile');
  const [{ Client }, { createOpenSearchIndex }] = await Promise.all([import('@opensearch-project/opensearch'), import('./search-index.opensearch.ts')]);
  // A short timeout and one retry: a reader should get its 503 within seconds, and the event source retries anyway.
  const client = new Client({ node, requestTimeout: 5000, maxRetries: 1 });
  const index = createOpenSearchIndex(client, { alias, clock: systemClock });
  return { index, prepare: () => index.prepare(), close: () => client.close() };
}
